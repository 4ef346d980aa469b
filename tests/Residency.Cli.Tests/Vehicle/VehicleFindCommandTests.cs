using Residency.Storage;
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
    public async Task Find_lists_and_exports_exactly_that_vehicles_blobs_in_every_container()
    {
        var vehicles = await TwoVehicles.StoreAsync(azurite, _directory);
        var client = azurite.CreateClient();
        var expected = await vehicles.BlobsOfAsync(client, vehicleA: true);
        var other = await vehicles.BlobsOfAsync(client, vehicleA: false);
        Assert.Contains(expected, path => path.StartsWith(ResidencyContainers.Personal + "/", StringComparison.Ordinal));
        Assert.Contains(expected, path => path.StartsWith(ResidencyContainers.Quarantine + "/", StringComparison.Ordinal));
        var exportDirectory = Path.Combine(_directory.Path, "export");

        var (exit, output, error) = await CliRunner.RunAsync(
            "vehicle", "find", "--vin", vehicles.VinA, "--key-file", vehicles.KeyFile,
            "--connection-string", azurite.ConnectionString, "--development", "--export", exportDirectory);

        Assert.True(exit == 0, error);
        var listed = output.Split('\n', StringSplitOptions.TrimEntries).Where(line => line.Contains("  level=", StringComparison.Ordinal)).ToList();
        Assert.Equal(expected, listed.Select(line => line[..line.IndexOf("  level=", StringComparison.Ordinal)]).ToHashSet());
        Assert.Equal(expected.Count, listed.Count);
        Assert.Contains($"{ResidencyContainers.Personal}/", output, StringComparison.Ordinal);
        Assert.Matches(@"level=personal  captured=\d{4}-\d\d-\d\dT", output);
        foreach (var container in expected.GroupBy(path => path[..path.IndexOf('/', StringComparison.Ordinal)]))
        {
            Assert.Contains($"{container.Key}: {container.Count()}", output, StringComparison.Ordinal);
        }

        Assert.Contains($"found {expected.Count} blobs for this vehicle.", output, StringComparison.Ordinal);
        Assert.DoesNotContain(vehicles.VehicleKeyB, output, StringComparison.Ordinal);
        Assert.DoesNotContain(vehicles.VinA, output + error, StringComparison.Ordinal);

        var exported = Directory.GetFiles(exportDirectory, "*", SearchOption.AllDirectories)
            .Select(file => Path.GetRelativePath(exportDirectory, file).Replace(Path.DirectorySeparatorChar, '/'))
            .ToHashSet();
        Assert.Equal(expected, exported);
        foreach (var path in expected)
        {
            var slash = path.IndexOf('/', StringComparison.Ordinal);
            var stored = (await client.GetBlobAsync(path[..slash], path[(slash + 1)..])).Value.Content.ToArray();
            Assert.Equal(stored, await File.ReadAllBytesAsync(Path.Combine(exportDirectory, path)));
        }

        Assert.Equal(other, await vehicles.BlobsOfAsync(client, vehicleA: false));
    }

    [Fact]
    public async Task Delete_without_yes_exits_2_and_deletes_nothing()
    {
        var vehicles = await TwoVehicles.StoreAsync(azurite, _directory);
        var client = azurite.CreateClient();
        var before = await vehicles.BlobsOfAsync(client, vehicleA: true);

        var (exit, output, error) = await CliRunner.RunAsync(
            "vehicle", "find", "--vehicle-key", vehicles.VehicleKeyA, "--connection-string", azurite.ConnectionString, "--development", "--delete");

        Assert.Equal(2, exit);
        Assert.Contains("--yes", error, StringComparison.Ordinal);
        Assert.Contains("Nothing was deleted", error, StringComparison.Ordinal);
        Assert.DoesNotContain("deleted", output, StringComparison.Ordinal);
        Assert.Equal(before, await vehicles.BlobsOfAsync(client, vehicleA: true));
    }

    [Fact]
    public async Task Delete_with_yes_removes_that_vehicle_only_and_never_the_audit_ledger()
    {
        var vehicles = await TwoVehicles.StoreAsync(azurite, _directory);
        var client = azurite.CreateClient();
        var doomed = await vehicles.BlobsOfAsync(client, vehicleA: true);
        var other = await vehicles.BlobsOfAsync(client, vehicleA: false);
        Assert.NotEmpty(other);

        // An audit blob that (wrongly) carries the vehicle tag must still be kept: the ledger is never deleted.
        var auditName = $"{vehicles.PartitionId}/tagged-by-mistake.json";
        await client.PutBlockBlobAsync(ResidencyContainers.Audit, auditName, BinaryData.FromString("{}"),
            new BlobUploadOptions { Tags = new Dictionary<string, string> { ["vehicle"] = vehicles.VehicleKeyA } });
        var audit = await ListAsync(client, ResidencyContainers.Audit, vehicles.PartitionId + "/");
        Assert.Equal(2, audit.Count); // the batch's ledger entry and the tagged one

        var (exit, output, error) = await CliRunner.RunAsync(
            "vehicle", "find", "--vin", vehicles.VinA.ToLowerInvariant(), "--key-file", vehicles.KeyFile,
            "--connection-string", azurite.ConnectionString, "--development", "--delete", "--yes");

        Assert.True(exit == 0, error);
        foreach (var path in doomed)
        {
            Assert.Contains($"deleted {path}", output, StringComparison.Ordinal);
        }

        Assert.Contains($"kept {ResidencyContainers.Audit}/{auditName}", output, StringComparison.Ordinal);
        Assert.Contains($"deleted {doomed.Count} blobs.", output, StringComparison.Ordinal);
        Assert.Empty(await vehicles.BlobsOfAsync(client, vehicleA: true));
        Assert.Equal(other, await vehicles.BlobsOfAsync(client, vehicleA: false));
        Assert.Equal(audit, await ListAsync(client, ResidencyContainers.Audit, vehicles.PartitionId + "/"));

        var again = await CliRunner.RunAsync(
            "vehicle", "find", "--vehicle-key", vehicles.VehicleKeyA, "--connection-string", azurite.ConnectionString, "--development");
        Assert.Equal(0, again.ExitCode);
        Assert.Contains("found 1 blob for this vehicle.", again.Output, StringComparison.Ordinal); // the kept audit blob
    }

    [Fact]
    public async Task The_connection_string_can_come_from_the_environment()
    {
        var vehicles = await TwoVehicles.StoreAsync(azurite, _directory);
        var expected = await vehicles.BlobsOfAsync(azurite.CreateClient(), vehicleA: false);
        var previous = Environment.GetEnvironmentVariable("Residency__StorageConnectionString");
        Environment.SetEnvironmentVariable("Residency__StorageConnectionString", azurite.ConnectionString);
        try
        {
            var (exit, output, error) = await CliRunner.RunAsync("vehicle", "find", "--vehicle-key", vehicles.VehicleKeyB.ToUpperInvariant(), "--development");
            Assert.True(exit == 0, error);
            Assert.Contains($"found {expected.Count} blobs for this vehicle.", output, StringComparison.Ordinal);
        }
        finally
        {
            Environment.SetEnvironmentVariable("Residency__StorageConnectionString", previous);
        }
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

    private static async Task<List<string>> ListAsync(BlobRestClient client, string container, string prefix)
    {
        var names = new List<string>();
        await foreach (var blob in client.GetBlobsAsync(container, prefix))
        {
            names.Add(blob.Name);
        }

        return names;
    }
}
