using System.Text;
using Residency.Classification;
using Residency.Storage;
using Residency.Testing;
using Xunit;

namespace Residency.Cli.Tests.Vehicle;

/// <summary>`residency vehicle key` and the checks `vehicle find` makes before it touches storage.</summary>
public sealed class VehicleCommandTests : IDisposable
{
    private const string SampleVin = "LSJA24U62JG269225";
    private static readonly string SampleUpload = Path.Combine(RepoPaths.Root, "samples", "uploads", "event.json");
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void Key_prints_the_classifiers_vehicle_key_with_the_development_key_and_a_warning()
    {
        var (exit, output, error) = CliRunner.Run("vehicle", "key", SampleVin);
        Assert.Equal(0, exit);
        var classified = new UploadClassifier(ClassificationPolicy.Default, PseudonymizationKey.Development).Classify(File.ReadAllBytes(SampleUpload));
        Assert.Equal(classified.VehicleKey, output.Trim());
        Assert.Contains("development key", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Key_with_a_key_file_equals_what_classify_reports_with_that_key_file_in_either_case()
    {
        var key = new byte[48];
        Random.Shared.NextBytes(key);
        var keyFile = _directory.Write("key.b64", Convert.ToBase64String(key) + "\n");

        var classify = CliRunner.Run("classify", "--key-file", keyFile, SampleUpload);
        Assert.Equal(0, classify.ExitCode);
        var reported = System.Text.Json.JsonDocument.Parse(classify.Output).RootElement.GetProperty("vehicleKey").GetString();
        var classified = new UploadClassifier(ClassificationPolicy.Default, new PseudonymizationKey("x", key)).Classify(File.ReadAllBytes(SampleUpload));
        Assert.Equal(classified.VehicleKey, reported);

        foreach (var vin in new[] { SampleVin, SampleVin.ToLowerInvariant() })
        {
            var (exit, output, error) = CliRunner.Run("vehicle", "key", vin, "--key-file", keyFile);
            Assert.Equal(0, exit);
            Assert.Equal(reported, output.Trim());
            Assert.Empty(error);
        }
    }

    [Theory]
    [InlineData("LSJA24U62JG26922")]
    [InlineData("LSJA24U62JG26922O")]
    [InlineData("LSJA24U62JG269225X")]
    public void Key_refuses_a_malformed_vin_with_exit_2_without_repeating_it(string vin)
    {
        var (exit, output, error) = CliRunner.Run("vehicle", "key", vin);
        Assert.Equal(2, exit);
        Assert.Empty(output);
        Assert.Contains("not 17 characters of the VIN alphabet", error, StringComparison.Ordinal);
        Assert.DoesNotContain(vin, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Key_with_an_unusable_key_file_exits_2()
    {
        var keyFile = _directory.Write("short.b64", Convert.ToBase64String(new byte[16]));
        var (exit, output, error) = CliRunner.Run("vehicle", "key", SampleVin, "--key-file", keyFile);
        Assert.Equal(2, exit);
        Assert.Empty(output);
        Assert.Contains("at least 32", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("key", SampleVin, SampleVin)]
    [InlineData("find", SampleVin, "--vehicle-key", "aa")]
    public void Stray_arguments_exit_2_without_being_echoed(params string[] args)
    {
        var (exit, _, error) = CliRunner.Run(["vehicle", .. args]);
        Assert.Equal(2, exit);
        Assert.Contains("unexpected argument", error, StringComparison.Ordinal);
        Assert.DoesNotContain(SampleVin, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://vehicledata.blob.core.windows.net")]
    [InlineData("https://vehicledata.blob.core.usgovcloudapi.net")]
    [InlineData("http://vehicledata.blob.core.chinacloudapi.cn")]
    [InlineData("https://127.0.0.1:10000/devstoreaccount1")]
    public async Task A_blob_endpoint_outside_Azure_China_is_refused_with_exit_1(string endpoint)
    {
        var (exit, output, error) = await CliRunner.RunAsync(
            "vehicle", "find", "--vin", SampleVin, "--blob-endpoint", endpoint);
        Assert.Equal(1, exit);
        Assert.Empty(output);
        Assert.Contains("error: refused: Blob endpoint", error, StringComparison.Ordinal);
        Assert.DoesNotContain(SampleVin, error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_public_cloud_connection_string_is_refused_and_its_key_never_shown()
    {
        var accountKey = Convert.ToBase64String(Encoding.ASCII.GetBytes("not a real key, but never print it"));
        var (exit, _, error) = await CliRunner.RunAsync(
            "vehicle", "find", "--vehicle-key", new string('b', 64),
            "--connection-string", $"DefaultEndpointsProtocol=https;AccountName=vehicledata;AccountKey={accountKey};EndpointSuffix=core.windows.net");
        Assert.Equal(1, exit);
        Assert.Contains("refused", error, StringComparison.Ordinal);
        Assert.DoesNotContain(accountKey, error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_region_outside_China_North_is_refused()
    {
        var (exit, _, error) = await CliRunner.RunAsync(
            "vehicle", "find", "--vehicle-key", new string('c', 64), "--blob-endpoint", "https://vehicledata.blob.core.chinacloudapi.cn", "--region", "chinaeast2");
        Assert.Equal(1, exit);
        Assert.Contains("Region 'chinaeast2' is not allowed", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unreachable_storage_exits_1_after_the_retries_with_a_short_message()
    {
        var endpoint = $"http://127.0.0.1:{Residency.Development.FreePort.Next()}/{StorageConnectionString.DevelopmentAccountName}";
        var (exit, output, error) = await CliRunner.RunAsync(
            "vehicle", "find", "--vin", SampleVin, "--development",
            "--connection-string", $"AccountName={StorageConnectionString.DevelopmentAccountName};AccountKey={StorageConnectionString.DevelopmentAccountKey};BlobEndpoint={endpoint}");
        Assert.Equal(1, exit);
        Assert.Empty(output);
        Assert.Contains("error: storage could not be reached", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("exactly one of --vin or --vehicle-key", "--connection-string", "UseDevelopmentStorage=true")]
    [InlineData("exactly one of --vin or --vehicle-key", "--vin", SampleVin, "--vehicle-key", "abc")]
    [InlineData("--key-file goes with --vin", "--vehicle-key", "abc", "--key-file", "k")]
    [InlineData("--vehicle-key must be the 64 hex digits", "--vehicle-key", "xyz", "--connection-string", "UseDevelopmentStorage=true")]
    [InlineData("not both", "--vin", SampleVin, "--connection-string", "UseDevelopmentStorage=true", "--blob-endpoint", "https://a.blob.core.chinacloudapi.cn")]
    [InlineData("must be an absolute URL", "--vin", SampleVin, "--blob-endpoint", "not a url")]
    [InlineData("not usable", "--vin", SampleVin, "--connection-string", "AccountName=x")]
    [InlineData("--yes only confirms --delete", "--vin", SampleVin, "--connection-string", "UseDevelopmentStorage=true", "--yes")]
    [InlineData("add --yes to confirm", "--vin", SampleVin, "--connection-string", "UseDevelopmentStorage=true", "--delete")]
    public async Task Wrong_command_lines_exit_2_with_a_reason_and_never_the_vin(string reason, params string[] args)
    {
        var (exit, output, error) = await CliRunner.RunAsync(["vehicle", "find", .. args]);
        Assert.Equal(2, exit);
        Assert.Empty(output);
        Assert.Contains(reason, error, StringComparison.Ordinal);
        Assert.DoesNotContain(SampleVin, error, StringComparison.Ordinal);
    }
}
