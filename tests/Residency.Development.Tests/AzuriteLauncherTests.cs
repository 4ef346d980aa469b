using Xunit;

namespace Residency.Development.Tests;

/// <summary>How the launcher picks a way: the order, a required way, and what it says when one is skipped.</summary>
public sealed class AzuriteLauncherTests : IDisposable
{
    private const string Configured = "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=a2V5;BlobEndpoint=http://127.0.0.1:10999/devstoreaccount1;";

    [Fact]
    public async Task A_required_way_is_the_only_one_tried_and_its_failure_names_the_setting()
    {
        var log = new List<string>();
        var request = new AzuriteRequest
        {
            NodeToolsDirectory = EmptyFolder(),
            Settings = new AzuriteSettings { Required = AzuriteSource.ConnectionString },
        };

        var e = await Assert.ThrowsAsync<DevelopmentHostException>(() => AzuriteLauncher.StartAsync(request, log.Add));

        Assert.Contains("RESIDENCY_AZURITE=connection-string", e.Message, StringComparison.Ordinal);
        Assert.Contains("AZURITE_CONNECTION_STRING is not set", e.Message, StringComparison.Ordinal);
        Assert.Empty(log);
    }

    [Fact]
    public async Task A_set_connection_string_wins_over_every_other_way()
    {
        var log = new List<string>();
        var request = new AzuriteRequest
        {
            NodeToolsDirectory = EmptyFolder(),
            Settings = new AzuriteSettings { ConnectionString = Configured },
        };

        await using var azurite = await AzuriteLauncher.StartAsync(request, log.Add);

        Assert.Equal(AzuriteSource.ConnectionString, azurite.Source);
        Assert.Equal(new Uri("http://127.0.0.1:10999/devstoreaccount1"), azurite.BlobEndpoint);
        Assert.Equal(Configured, azurite.ConnectionString);
        Assert.Empty(log);
    }

    [Fact]
    public async Task Each_way_skipped_is_reported_and_the_next_is_tried()
    {
        var log = new List<string>();
        var request = new AzuriteRequest
        {
            NodeToolsDirectory = EmptyFolder(),
            Settings = new AzuriteSettings(),
            Order = [AzuriteSource.NpmProcess, AzuriteSource.ConnectionString],
        };

        await Assert.ThrowsAsync<DevelopmentHostException>(() => AzuriteLauncher.StartAsync(request, log.Add));

        var skipped = Assert.Single(log);
        Assert.StartsWith("Azurite: not via npm: ", skipped, StringComparison.Ordinal);
        Assert.EndsWith("trying connection-string.", skipped, StringComparison.Ordinal);
    }

    [Fact]
    public async Task When_no_way_works_every_reason_is_given()
    {
        var request = new AzuriteRequest
        {
            NodeToolsDirectory = EmptyFolder(),
            Settings = new AzuriteSettings(),
            Order = [AzuriteSource.NpmProcess, AzuriteSource.ConnectionString],
        };

        var e = await Assert.ThrowsAsync<DevelopmentHostException>(() => AzuriteLauncher.StartAsync(request, _ => { }));

        Assert.Contains("npm: ", e.Message, StringComparison.Ordinal);
        Assert.Contains("connection-string: AZURITE_CONNECTION_STRING is not set", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_caller_that_needs_its_own_Azurite_never_gets_the_shared_one()
    {
        var request = new AzuriteRequest
        {
            NodeToolsDirectory = EmptyFolder(),
            Settings = new AzuriteSettings { Required = AzuriteSource.ConnectionString, ConnectionString = Configured },
            NeedsOwnInstance = true,
        };

        var e = await Assert.ThrowsAsync<DevelopmentHostException>(() => AzuriteLauncher.StartAsync(request, _ => { }));

        Assert.Contains("needs an Azurite of its own", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("", null)]
    [InlineData("auto", null)]
    [InlineData("testcontainers", AzuriteSource.Testcontainers)]
    [InlineData(" NPM ", AzuriteSource.NpmProcess)]
    [InlineData("connection-string", AzuriteSource.ConnectionString)]
    public void Source_setting_values(string? value, AzuriteSource? expected) =>
        Assert.Equal(expected, AzuriteSettings.ParseSource(value));

    [Fact]
    public void An_unknown_source_setting_names_the_allowed_values()
    {
        var e = Assert.Throws<ArgumentException>(() => AzuriteSettings.ParseSource("docker"));

        Assert.Contains("auto, testcontainers, npm or connection-string", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Development_storage_shorthand_means_the_default_Azurite_ports()
    {
        var azurite = new ConfiguredAzurite("UseDevelopmentStorage=true");

        Assert.Equal(new Uri("http://127.0.0.1:10000/devstoreaccount1"), azurite.BlobEndpoint);
        Assert.Contains("AccountName=devstoreaccount1;", azurite.ConnectionString, StringComparison.Ordinal);
    }

    [Fact]
    public void A_connection_string_without_a_blob_endpoint_is_refused() =>
        Assert.Throws<ArgumentException>(() => new ConfiguredAzurite("AccountName=devstoreaccount1;AccountKey=a2V5"));

    private readonly string _emptyFolder = Directory.CreateTempSubdirectory("no-node-tools-").FullName;

    public void Dispose() => Directory.Delete(_emptyFolder, recursive: true);

    private string EmptyFolder() => _emptyFolder;
}
