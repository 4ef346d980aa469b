using System.Text.Json;
using Residency.Classification;
using Residency.FunctionsHost;
using Residency.Ingest;
using Residency.Storage;
using Residency.Storage.Subjects;
using Residency.Testing;
using Xunit;

namespace Residency.Cli.Tests.Vehicle;

/// <summary>`residency vehicle find` against a real Azurite holding two vehicles stored by the real ingest pipeline.</summary>
[Collection(AzuriteGroup.Name)]
public sealed class VehicleFindCommandTests(AzuriteFixture azurite) : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task Find_lists_and_exports_exactly_that_vehicles_lines_per_level_and_never_prints_the_vin()
    {
        var vehicles = await TwoVehicles.StoreAsync(azurite, _directory);
        var client = azurite.CreateClient();
        var expected = await vehicles.LinesOfAsync(client, vehicleA: true);
        var other = await vehicles.LinesOfAsync(client, vehicleA: false);
        var exportDirectory = Path.Combine(_directory.Path, "export");

        var (exit, output, error) = await CliRunner.RunAsync(
            "vehicle", "find", "--vin", vehicles.VinA, "--key-file", vehicles.KeyFile,
            "--connection-string", azurite.ConnectionString, "--development", "--export", exportDirectory);

        Assert.True(exit == 0, error);
        Assert.Contains($"found {expected.Values.Sum(l => l.Count)} line(s) for this vehicle.", output, StringComparison.Ordinal);
        Assert.Contains("lines by level: " + string.Join(", ", expected.Select(l => $"{l.Key} {l.Value.Count}")), output, StringComparison.Ordinal);
        Assert.DoesNotContain(vehicles.VinA, output + error, StringComparison.Ordinal);
        Assert.DoesNotContain(vehicles.VehicleKeyB, output, StringComparison.Ordinal);
        foreach (var (level, lines) in expected)
        {
            Assert.Equal(lines, await File.ReadAllLinesAsync(Path.Combine(exportDirectory, level + ".ndjson")));
        }

        using var manifest = JsonDocument.Parse(await File.ReadAllBytesAsync(Path.Combine(exportDirectory, "manifest.json")));
        Assert.Equal(vehicles.VehicleKeyA, manifest.RootElement.GetProperty("vehicleKey").GetString());
        Assert.Equal(expected.Keys, manifest.RootElement.GetProperty("files").EnumerateArray().Select(f => f.GetProperty("level").GetString()!).Order());
        Assert.DoesNotContain(vehicles.VinA, manifest.RootElement.GetRawText(), StringComparison.Ordinal);
        Assert.Equal(expected.Keys.Select(k => k + ".ndjson").Append("manifest.json").Order(), Directory.GetFiles(exportDirectory).Select(Path.GetFileName).Order());
        Assert.Equal(other, await vehicles.LinesOfAsync(client, vehicleA: false));

        // The request is on record: a receipt in the audit container that names the files, never their lines.
        var receiptName = output.Split('\n').Single(l => l.StartsWith("exported ", StringComparison.Ordinal)).Split("receipt: vehicle-audit/")[1].Trim();
        var receipt = AccessReceipt.Read((await client.GetBlobContainerClient(ResidencyContainers.Audit).GetBlobClient(receiptName).DownloadContentAsync()).Value.Content.ToMemory().Span);
        Assert.Equal(vehicles.VehicleKeyA, receipt.VehicleKey);
        Assert.Equal(expected.Values.Sum(l => l.Count), receipt.Lines);
        Assert.Equal(manifest.RootElement.GetProperty("requestId").GetString(), receipt.RequestId);
    }

    [Fact]
    public async Task Delete_without_yes_exits_2_and_deletes_nothing()
    {
        var vehicles = await TwoVehicles.StoreAsync(azurite, _directory);
        var client = azurite.CreateClient();
        var before = await vehicles.LinesOfAsync(client, vehicleA: true);

        var (exit, output, error) = await CliRunner.RunAsync(
            "vehicle", "find", "--vehicle-key", vehicles.VehicleKeyA, "--connection-string", azurite.ConnectionString, "--development", "--delete");

        Assert.Equal(2, exit);
        Assert.Contains("--yes", error, StringComparison.Ordinal);
        Assert.Contains("Nothing was deleted", error, StringComparison.Ordinal);
        Assert.DoesNotContain("deleted", output, StringComparison.Ordinal);
        Assert.Equal(before, await vehicles.LinesOfAsync(client, vehicleA: true));
    }

    [Fact]
    public async Task Delete_with_yes_removes_that_vehicle_only_writes_a_receipt_and_a_replay_brings_nothing_back()
    {
        var vehicles = await TwoVehicles.StoreAsync(azurite, _directory);
        var client = azurite.CreateClient();
        var other = await vehicles.LinesOfAsync(client, vehicleA: false);
        Assert.NotEmpty(other);

        var (exit, output, error) = await CliRunner.RunAsync(
            "vehicle", "find", "--vin", vehicles.VinA.ToLowerInvariant(), "--key-file", vehicles.KeyFile,
            "--connection-string", azurite.ConnectionString, "--development", "--delete", "--yes");

        Assert.True(exit == 0, error);
        Assert.Matches(@"deleted \d+ line\(s\): \d+ blob\(s\) rewritten", output);
        var receipt = output.Split('\n').Single(l => l.StartsWith("receipt: ", StringComparison.Ordinal))["receipt: ".Length..].Trim();
        Assert.StartsWith($"{ResidencyContainers.Audit}/deletions/", receipt, StringComparison.Ordinal);
        Assert.Empty(await vehicles.LinesOfAsync(client, vehicleA: true));
        Assert.Equal(other, await vehicles.LinesOfAsync(client, vehicleA: false));

        // The host replays the partition from the start (a restart from an old checkpoint): nothing comes back.
        var pipeline = new IngestPipeline(ClassificationPolicy.Default, vehicles.Key, await azurite.CreateStoreAsync());
        var replay = await pipeline.ProcessBatchAsync(vehicles.Batch);
        Assert.All(replay.Events, e => Assert.Equal(EventDisposition.AlreadyCommitted, e.Disposition));
        Assert.Empty(await vehicles.LinesOfAsync(client, vehicleA: true));

        var again = await CliRunner.RunAsync(
            "vehicle", "find", "--vehicle-key", vehicles.VehicleKeyA, "--connection-string", azurite.ConnectionString, "--development");
        Assert.Equal(0, again.ExitCode);
        Assert.Contains("found 0 line(s) for this vehicle.", again.Output, StringComparison.Ordinal);

        var verify = await CliRunner.RunAsync(
            "audit", "verify", "--partition", vehicles.PartitionId, "--connection-string", azurite.ConnectionString, "--development");
        Assert.True(verify.ExitCode == 0, verify.Output + verify.Error);
        Assert.Contains("audit verify: clean", verify.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_connection_string_can_come_from_the_environment()
    {
        var vehicles = await TwoVehicles.StoreAsync(azurite, _directory);
        var expected = await vehicles.LinesOfAsync(azurite.CreateClient(), vehicleA: false);
        var environment = new Dictionary<string, string> { [HandlerSettingNames.StorageConnectionString] = azurite.ConnectionString };
        var (exit, output, error) = await CliRunner.RunAsync(environment, "vehicle", "find", "--vehicle-key", vehicles.VehicleKeyB.ToUpperInvariant(), "--development");
        Assert.True(exit == 0, error);
        Assert.Contains($"found {expected.Values.Sum(l => l.Count)} line(s) for this vehicle.", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Azurite_without_development_is_refused_before_any_request()
    {
        var (exit, output, error) = await CliRunner.RunAsync(
            "vehicle", "find", "--vehicle-key", new string('a', 64), "--connection-string", azurite.ConnectionString);
        Assert.Equal(1, exit);
        Assert.Empty(output);
        Assert.Contains("refused", error, StringComparison.Ordinal);
        Assert.Contains("Development", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_storage_error_exits_1_with_status_and_code_only()
    {
        var endpoint = azurite.BlobEndpoint;
        var wrongKey = Convert.ToBase64String(new byte[64]);
        var (exit, output, error) = await CliRunner.RunAsync(
            "vehicle", "find", "--vehicle-key", new string('d', 64), "--development",
            "--connection-string", $"AccountName={StorageConnectionString.DevelopmentAccountName};AccountKey={wrongKey};BlobEndpoint={endpoint}");
        Assert.Equal(1, exit);
        Assert.Empty(output);
        Assert.Matches(@"^error: storage answered 403 \w+\.\s*$", error);
    }
}
