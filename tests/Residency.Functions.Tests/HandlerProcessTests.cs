using System.Diagnostics;
using Residency.Development;
using Residency.Functions.Tests.Infrastructure;
using Residency.FunctionsHost;
using Residency.Ingest;
using Residency.Testing;
using Xunit;

namespace Residency.Functions.Tests;

/// <summary>The built handler executable started the way the Functions host starts it: environment variables only.</summary>
[Collection(AzuriteGroup.Name)]
public sealed class HandlerProcessTests(AzuriteFixture azurite)
{
    private static Process Start(Dictionary<string, string> environment) => HandlerLauncher.Start(environment);

    [Fact]
    public async Task Invalid_configuration_stops_start_up_naming_the_setting_not_its_value()
    {
        using var process = Start(new Dictionary<string, string>
        {
            [HandlerSettingNames.Port] = FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
            [HandlerSettingNames.StorageConnectionString] = "AccountName=x;AccountKey=top-secret-value;nonsense",
        });
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(1));

        Assert.Equal(2, process.ExitCode);
        var text = await stderr;
        Assert.Contains("Residency__StorageConnectionString", text, StringComparison.Ordinal);
        Assert.Contains("Residency__PseudonymKey", text, StringComparison.Ordinal);
        Assert.DoesNotContain("top-secret-value", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Started_like_the_host_it_answers_readiness_and_ingests_a_batch()
    {
        await using var handler = await HandlerLauncher.StartDevelopmentAsync(azurite.ConnectionString);
        var partition = Uploads.NewPartition();

        var reply = await handler.Client.PostAsync(HostInvocationWriter.Write(new IngestBatch(partition, [Uploads.Event(5, Uploads.Sample("cabin"))])));

        Assert.Equal(200, reply.StatusCode);
        Assert.Equal(EventDisposition.Stored, Assert.Single(reply.Outcome!.Events).Disposition);
        (await StorageEvidence.ReadAsync(azurite.CreateClient(), partition)).AssertEachSequenceAccountedOnce([5]);
    }
}
