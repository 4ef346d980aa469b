using Residency.Infra.Tests.Checks;
using Residency.Infra.Tests.Model;
using Residency.Infra.Tests.Parsing;
using Xunit;

namespace Residency.Infra.Tests;

public class ResidencyTests
{
    public static TheoryData<string> InfraFilePaths() => new(InfraFiles.InfraRelativePaths());

    [Theory]
    [MemberData(nameof(InfraFilePaths))]
    public void Infra_file_keeps_the_residency_invariants(string relativePath)
    {
        var document = InfraFiles.Document(InfraFiles.Infra(relativePath));

        var findings = ResidencyRules.Check(document, InfraFiles.Hosts);

        Assert.True(findings.Count == 0, string.Join(Environment.NewLine, findings));
    }

    [Fact]
    public void Main_location_parameter_allows_only_China_North_and_defaults_to_chinanorth3()
    {
        var main = InfraFiles.Document(InfraFiles.Infra("main.bicep"));
        var location = main.Parameters["location"];

        Assert.Equal("subscription", main.TargetScope);
        Assert.Equal(["chinanorth3", "chinanorth2"], BicepDocument.AllowedValues(location));
        Assert.Equal("chinanorth3", BicepString.LiteralValue(location.DefaultValue));
    }

    [Fact]
    public void Every_resource_location_comes_from_the_location_parameter_or_is_global_for_dns_zones()
    {
        var located = InfraFiles.InfraDocuments()
            .SelectMany(d => d.Resources.Select(r => (Resource: r, Location: BicepDocument.Property(r.Body, "location"))))
            .Where(x => x.Location is not null)
            .ToList();

        Assert.True(located.Count >= 12, $"only {located.Count} located resources found");
        Assert.All(located, x =>
        {
            if (x.Location!.Type == "string")
            {
                Assert.Equal("global", BicepString.LiteralValue(x.Location));
                Assert.StartsWith("Microsoft.Network/privateDnsZones", x.Resource.FullType, StringComparison.Ordinal);
            }
            else
            {
                Assert.Equal("location", x.Location.Text);
            }
        });
    }

    [Fact]
    public void Allowed_locations_policy_is_assigned_with_China_North_only()
    {
        Assert.Empty(ResidencyRules.CheckPolicyAssignments(InfraFiles.InfraDocuments()));
    }

    [Fact]
    public void Storage_accounts_are_single_region_keyless_and_private()
    {
        var accounts = InfraFiles.InfraDocuments()
            .SelectMany(d => d.Resources.Where(r => r.FullType == "Microsoft.Storage/storageAccounts" && !r.IsExisting).Select(r => (d, r)))
            .ToList();

        Assert.Equal(2, accounts.Count); // classified data + Functions host
        Assert.All(accounts, x =>
        {
            Assert.Equal("false", BicepDocument.PropertyPath(x.r.Body, "properties", "allowSharedKeyAccess")?.Text);
            Assert.Equal("false", BicepDocument.PropertyPath(x.r.Body, "properties", "allowBlobPublicAccess")?.Text);
            var sku = x.d.PossibleStrings(BicepDocument.PropertyPath(x.r.Body, "sku", "name")!);
            Assert.NotNull(sku);
            Assert.Subset(new HashSet<string> { "Standard_ZRS", "Standard_LRS" }, sku.ToHashSet());
        });
    }

    [Fact]
    public void Event_hubs_namespace_disables_local_auth()
    {
        var namespaces = InfraFiles.InfraDocuments()
            .SelectMany(d => d.Resources.Where(r => r.FullType == "Microsoft.EventHub/namespaces" && !r.IsExisting))
            .ToList();

        var ns = Assert.Single(namespaces);
        Assert.Equal("true", BicepDocument.PropertyPath(ns.Body, "properties", "disableLocalAuth")?.Text);
    }

    [Fact]
    public void Parameter_files_deploy_to_China_North()
    {
        foreach (var name in new[] { "main.dev.bicepparam", "main.prod.bicepparam" })
        {
            var document = InfraFiles.Document(InfraFiles.Infra(name));
            var location = BicepString.LiteralValue(document.Parameters["location"].DefaultValue);
            Assert.True(location is not null && AzureRegions.IsChinaNorth(location), $"{name}: {location}");
        }
    }

    [Fact]
    public void Bicepconfig_disallows_public_cloud_hosts_and_excludes_only_dns_zone_names()
    {
        var hosts = InfraFiles.Hosts;

        Assert.Subset(hosts.Disallowed.ToHashSet(), new HashSet<string>
        {
            "core.windows.net", "vault.azure.net", "servicebus.windows.net", "management.azure.com",
            "login.microsoftonline.com", "database.windows.net", "graph.windows.net", "azurewebsites.net",
            "chinacloudapi.cn", "azure.cn", "chinacloudsites.cn",
        });
        Assert.All(hosts.Excluded, h => Assert.True(
            h == "schema.management.azure.com" || h.StartsWith("privatelink.", StringComparison.Ordinal), h));
    }

    [Fact]
    public void Host_matching_follows_the_linter()
    {
        var hosts = InfraFiles.Hosts;

        Assert.Equal(["core.windows.net"], hosts.FindDisallowed("https://x.blob.core.windows.net/"));
        Assert.Empty(hosts.FindDisallowed("privatelink.servicebus.chinacloudapi.cn"));
        Assert.Equal(["chinacloudapi.cn"], hosts.FindDisallowed("x.servicebus.chinacloudapi.cn"));
        Assert.Empty(hosts.FindDisallowed("notcore.windows.network"));
    }
}
