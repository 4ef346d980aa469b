using Residency.Infra.Tests.Model;
using Residency.Infra.Tests.Parsing;
using Xunit;

namespace Residency.Infra.Tests;

/// <summary>The classified-data account holds the containers of design.md section 5 with per-level retention.</summary>
public class DataStorageTests
{
    private static readonly BicepDocument DataStorage = InfraFiles.Document(InfraFiles.Infra("modules/dataStorage.bicep"));

    [Fact]
    public void Containers_are_the_six_of_the_storage_contract()
    {
        var levelContainers = BicepDocument.Properties(DataStorage.Variables["levelContainers"].Value)
            .ToDictionary(p => p.Name, p => BicepString.LiteralValue(p.Value), StringComparer.Ordinal);

        Assert.Equal(new Dictionary<string, string?>
        {
            ["general"] = "vehicle-general",
            ["personal"] = "vehicle-personal",
            ["sensitive"] = "vehicle-sensitive",
            ["important"] = "vehicle-important",
        }, levelContainers);
        Assert.Equal("vehicle-quarantine", BicepString.LiteralValue(DataStorage.Variables["quarantineContainer"].Value));
        Assert.Equal("vehicle-audit", BicepString.LiteralValue(DataStorage.Variables["auditContainer"].Value));
    }

    [Fact]
    public void Audit_container_is_immutable()
    {
        var audit = Assert.Single(DataStorage.Resources, r => r.Symbol == "audit");
        var policy = Assert.Single(DataStorage.Resources, r => r.Parent == audit);

        Assert.Equal("true", BicepDocument.PropertyPath(audit.Body, "properties", "immutableStorageWithVersioning", "enabled")?.Text);
        Assert.Equal("Microsoft.Storage/storageAccounts/blobServices/containers/immutabilityPolicies", policy.FullType);
        Assert.Equal("auditImmutabilityDays", BicepDocument.PropertyPath(policy.Body, "properties", "immutabilityPeriodSinceCreationInDays")?.Text);
    }

    [Fact]
    public void Lifecycle_rules_are_driven_by_the_level_blob_index_tag()
    {
        var rule = DataStorage.Variables["levelRules"].Value.FieldChild("body")!;
        var match = BicepDocument.PropertyPath(rule, "definition", "filters", "blobIndexMatch")!;
        var condition = match.CodeChildren.Single();

        Assert.Equal("level", BicepString.LiteralValue(BicepDocument.Property(condition, "name")));
        Assert.Equal("==", BicepString.LiteralValue(BicepDocument.Property(condition, "op")));
        Assert.Equal("level", BicepDocument.Property(condition, "value")?.Text);
        Assert.Equal("levels", DataStorage.Variables["levelRules"].Value.CodeChildren.First(c => c.Field is null).Text);
    }

    [Fact]
    public void Account_is_versioned_soft_deleted_and_locked()
    {
        var blobService = Assert.Single(DataStorage.Resources, r => r.FullType == "Microsoft.Storage/storageAccounts/blobServices");
        var properties = BicepDocument.Property(blobService.Body, "properties");

        Assert.Equal("true", BicepDocument.Property(properties, "isVersioningEnabled")?.Text);
        Assert.Equal("true", BicepDocument.PropertyPath(properties, "deleteRetentionPolicy", "enabled")?.Text);
        Assert.Equal("true", BicepDocument.PropertyPath(properties, "containerDeleteRetentionPolicy", "enabled")?.Text);
        var lockResource = Assert.Single(DataStorage.Resources, r => r.FullType == "Microsoft.Authorization/locks");
        Assert.Equal("CanNotDelete", BicepString.LiteralValue(BicepDocument.PropertyPath(lockResource.Body, "properties", "level")));
        Assert.Equal("account", BicepDocument.Property(lockResource.Body, "scope")?.Text);
    }
}
