using System.Text.Json.Nodes;
using Residency.Infra.Tests.Arm;
using Xunit;

namespace Residency.Infra.Tests;

/// <summary>
/// The ingest identity's grants on the data account, one rule per test, on the compiled module (docs/security.md):
/// ingest parses untrusted bytes, so an exploit there must not read stored level data or erase it for good.
/// </summary>
public class IngestLeastPrivilegeTests
{
    private const string Blobs = "Microsoft.Storage/storageAccounts/blobServices/containers/blobs/";

    private static readonly TemplateScope Access = InfraBuild.Module("roleAssignments.bicep");
    private static readonly TemplateScope DataStorage = InfraBuild.Module("dataStorage.bicep");

    private static readonly string[] LevelContainers = ["vehicle-general", "vehicle-personal", "vehicle-sensitive", "vehicle-important"];

    private static IEnumerable<JsonObject> Assignments => Access.Resources.Where(r => TemplateScope.TypeOf(r) == "Microsoft.Authorization/roleAssignments");

    private static JsonObject Role(string key) => Assert.Single(Access.Resources,
        r => TemplateScope.TypeOf(r) == "Microsoft.Authorization/roleDefinitions" && r["name"]!.GetValue<string>().Contains($"'{key}'", StringComparison.Ordinal));

    private static List<string> DataActions(string key) =>
        Assert.Single(Role(key)["properties"]!["permissions"]!.AsArray())!["dataActions"]!.AsArray().Select(a => a!.GetValue<string>()).ToList();

    private static List<string> Containers(string variable) =>
        Access.Template["variables"]![variable]!.AsArray().Select(c => c!.GetValue<string>()).ToList();

    // The container-scoped assignments made with a role, and the variable listing their containers.
    private static JsonObject AssignmentOf(string roleKey) => Assert.Single(Assignments,
        a => a["properties"]!["roleDefinitionId"]!.GetValue<string>().Contains($"'{roleKey}'", StringComparison.Ordinal));

    private static string ContainersOf(string roleKey) =>
        AssignmentOf(roleKey)["scope"]!.GetValue<string>() switch
        {
            var s when s.Contains("variables('writeOnlyContainers')[copyIndex()]", StringComparison.Ordinal) => "writeOnlyContainers",
            var s when s.Contains("variables('ledgerContainers')[copyIndex()]", StringComparison.Ordinal) => "ledgerContainers",
            var s => throw new Xunit.Sdk.XunitException($"unexpected scope {s}"),
        };

    [Fact]
    public void Nothing_is_granted_on_the_data_account_as_a_whole()
    {
        Assert.DoesNotContain(Assignments, a => a["scope"]?.GetValue<string>() is { } scope
            && scope.Contains("parameters('dataStorageAccountName')", StringComparison.Ordinal)
            && !scope.Contains("blobServices/containers", StringComparison.Ordinal));
        Assert.DoesNotContain("b7e6dc6d-f1e8-4753-8033-0f276bb0955b')", Access.Template["variables"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.All(Assignments.Where(a => a["scope"]!.GetValue<string>().Contains("blobServices/containers", StringComparison.Ordinal)),
            a => Assert.Contains("residency-ingest-", a["properties"]!["roleDefinitionId"]!.GetValue<string>(), StringComparison.Ordinal));
    }

    [Fact]
    public void Ingest_can_create_blobs_with_index_tags_in_every_container_it_writes()
    {
        foreach (var role in new[] { "residency-ingest-writer", "residency-ingest-ledger" })
        {
            Assert.Contains(Blobs + "write", DataActions(role));
            Assert.Contains(Blobs + "tags/write", DataActions(role));
        }

        var written = Containers(ContainersOf("residency-ingest-writer")).Concat(Containers(ContainersOf("residency-ingest-ledger"))).ToHashSet();
        Assert.Equal(new HashSet<string>([.. LevelContainers, "vehicle-quarantine", "vehicle-index", "vehicle-audit"]), written);
    }

    [Fact]
    public void Ingest_can_never_read_stored_level_or_quarantine_data()
    {
        var writer = DataActions("residency-ingest-writer");

        Assert.DoesNotContain(Blobs + "read", writer);
        Assert.DoesNotContain(writer, a => a.Contains('*', StringComparison.Ordinal) || a.EndsWith("filter/action", StringComparison.Ordinal));
        Assert.Equal([.. LevelContainers, "vehicle-quarantine"], Containers(ContainersOf("residency-ingest-writer")));
        Assert.DoesNotContain(Containers(ContainersOf("residency-ingest-ledger")), c => LevelContainers.Contains(c) || c == "vehicle-quarantine");
    }

    [Fact]
    public void Ingest_reads_and_writes_heads_markers_and_audit_records_and_deletes_nothing_there()
    {
        var ledger = DataActions("residency-ingest-ledger");

        Assert.Equal(["vehicle-index", "vehicle-audit"], Containers(ContainersOf("residency-ingest-ledger")));
        Assert.Contains(Blobs + "read", ledger);
        Assert.DoesNotContain(ledger, a => a.Contains("delete", StringComparison.OrdinalIgnoreCase) || a.Contains('*', StringComparison.Ordinal));
    }

    [Fact]
    public void What_ingest_deletes_or_overwrites_stays_recoverable_as_a_version()
    {
        var writer = DataActions("residency-ingest-writer");
        var account = Assert.Single(DataStorage.Resources, r => TemplateScope.TypeOf(r) == "Microsoft.Storage/storageAccounts/blobServices");

        Assert.Equal([Blobs + "write", Blobs + "delete", Blobs + "tags/read", Blobs + "tags/write"], writer);
        Assert.DoesNotContain(writer, a => a.Contains("deleteBlobVersion", StringComparison.Ordinal) || a.Contains("permanentDelete", StringComparison.Ordinal));
        Assert.True(account["properties"]!["isVersioningEnabled"]!.GetValue<bool>());
        Assert.True(account["properties"]!["deleteRetentionPolicy"]!["enabled"]!.GetValue<bool>());
    }

    [Fact]
    public void Ingest_roles_hold_data_actions_only_and_nothing_on_exports()
    {
        foreach (var role in new[] { "residency-ingest-writer", "residency-ingest-ledger" })
        {
            var permissions = Assert.Single(Role(role)["properties"]!["permissions"]!.AsArray())!;
            Assert.Empty(permissions["actions"]!.AsArray());
            Assert.All(DataActions(role), a => Assert.StartsWith(Blobs, a, StringComparison.Ordinal));
        }

        Assert.DoesNotContain("vehicle-exports", Access.Template.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_containers_granted_are_those_the_data_account_creates()
    {
        var created = DataStorage.Resources.Where(r => TemplateScope.TypeOf(r) == "Microsoft.Storage/storageAccounts/blobServices/containers")
            .SelectMany(r => ReachableStrings.Of(r["name"], DataStorage)).ToHashSet();

        Assert.All(Containers("writeOnlyContainers").Concat(Containers("ledgerContainers")), c => Assert.Contains(c, created));
    }
}
