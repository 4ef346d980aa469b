using System.Text.Json.Nodes;
using Residency.Infra.Tests.Arm;
using Xunit;

namespace Residency.Infra.Tests;

/// <summary>The compiled classified-data module holds the containers of docs/storage.md, an immutable audit ledger, retention by level tag and a lock.</summary>
public class DataStorageTests
{
    private static readonly TemplateScope DataStorage = InfraBuild.Module("dataStorage.bicep");

    private static List<JsonObject> OfType(string type) => DataStorage.Resources.Where(r => TemplateScope.TypeOf(r) == type).ToList();

    private static IEnumerable<string> VehicleNames(JsonObject resource) =>
        ReachableStrings.Of(resource["name"], DataStorage).Where(s => s.StartsWith("vehicle-", StringComparison.Ordinal));

    [Fact]
    public void Containers_are_those_of_the_storage_contract()
    {
        var names = OfType("Microsoft.Storage/storageAccounts/blobServices/containers").SelectMany(VehicleNames).ToHashSet();

        Assert.Equal(new HashSet<string>
        {
            "vehicle-general", "vehicle-personal", "vehicle-sensitive", "vehicle-important", "vehicle-quarantine", "vehicle-audit",
            "vehicle-index", "vehicle-exports",
        }, names);
    }

    [Fact]
    public void Exports_are_deleted_seven_days_after_creation()
    {
        var rule = Assert.Single(ReachableObjects(DataStorage.Template), o => o["name"] is JsonValue name && name.TryGetValue<string>(out var text) && text == "expire-exports");
        var definition = rule["definition"]!;

        Assert.Equal(7, definition["actions"]!["baseBlob"]!["delete"]!["daysAfterCreationGreaterThan"]!.GetValue<int>());
        Assert.Equal(7, definition["actions"]!["version"]!["delete"]!["daysAfterCreationGreaterThan"]!.GetValue<int>());
        Assert.Equal(["vehicle-exports/"], definition["filters"]!["prefixMatch"]!.AsArray().Select(p => p!.GetValue<string>()));
    }

    [Fact]
    public void Audit_container_is_immutable()
    {
        var audit = Assert.Single(OfType("Microsoft.Storage/storageAccounts/blobServices/containers"), c => VehicleNames(c).SequenceEqual(["vehicle-audit"]));
        var policy = Assert.Single(OfType("Microsoft.Storage/storageAccounts/blobServices/containers/immutabilityPolicies"));

        Assert.True(audit["properties"]!["immutableStorageWithVersioning"]!["enabled"]!.GetValue<bool>());
        Assert.Contains("vehicle-audit", ReachableStrings.Of(policy["name"], DataStorage));
        Assert.Equal("[parameters('auditImmutabilityDays')]", policy["properties"]!["immutabilityPeriodSinceCreationInDays"]!.GetValue<string>());
    }

    [Fact]
    public void Lifecycle_rules_filter_on_the_level_blob_index_tag()
    {
        var policy = Assert.Single(OfType("Microsoft.Storage/storageAccounts/managementPolicies"));
        var rules = ReachableObjects(DataStorage.Template).Where(o => o["blobIndexMatch"] is JsonArray).ToList();

        Assert.NotNull(policy["properties"]!["policy"]!["rules"]);
        Assert.Contains(rules, r => r["blobIndexMatch"]!.AsArray().Any(m => m!["name"]!.GetValue<string>() == "level" && m["op"]!.GetValue<string>() == "=="));
        // Index markers expire by their tag, so the partition heads beside them (untagged) never do.
        Assert.Contains(rules, r => r["blobIndexMatch"]!.AsArray().Any(m => m!["name"]!.GetValue<string>() == "category" && m["value"]!.GetValue<string>() == "marker"));
    }

    [Fact]
    public void Retention_counts_from_creation_so_a_deletion_rewrite_does_not_extend_it()
    {
        var deletes = ReachableObjects(DataStorage.Template)
            .Where(o => o["baseBlob"] is JsonObject)
            .Select(o => o["baseBlob"]!["delete"]!.AsObject())
            .ToList();

        Assert.NotEmpty(deletes);
        Assert.All(deletes, d => Assert.True(d.ContainsKey("daysAfterCreationGreaterThan") && !d.ContainsKey("daysAfterModificationGreaterThan")));
    }

    [Fact]
    public void Account_is_locked_against_deletion()
    {
        var deleteLock = Assert.Single(OfType("Microsoft.Authorization/locks"));

        Assert.Equal("CanNotDelete", deleteLock["properties"]!["level"]!.GetValue<string>());
        Assert.StartsWith("[resourceId('Microsoft.Storage/storageAccounts'", deleteLock["scope"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    private static IEnumerable<JsonObject> ReachableObjects(JsonNode? node) => node switch
    {
        JsonObject obj => obj.Select(p => p.Value).SelectMany(ReachableObjects).Prepend(obj),
        JsonArray array => array.SelectMany(ReachableObjects),
        _ => [],
    };
}
