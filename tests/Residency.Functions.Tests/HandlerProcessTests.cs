using System.Diagnostics;
using System.Net.Http.Headers;
using System.Reflection;
using Residency.Functions.Tests.Infrastructure;
using Residency.Ingest;
using Residency.Ingest.FunctionsHost;
using Residency.Testing;
using Xunit;

namespace Residency.Functions.Tests;

/// <summary>The built handler executable started the way the Functions host starts it: environment variables only.</summary>
[Collection(AzuriteGroup.Name)]
public sealed class HandlerProcessTests(AzuriteFixture azurite)
{
    private static string HandlerDll
    {
        get
        {
            var configuration = typeof(HandlerProcessTests).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()!.Configuration;
            return Path.Combine(RepoPaths.Root, "functions", "Residency.Functions", "bin", configuration, "net10.0", "Residency.Functions.dll");
        }
    }

    private static Process Start(Dictionary<string, string> environment)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        start.ArgumentList.Add("exec");
        start.ArgumentList.Add(HandlerDll);
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("Residency__", StringComparison.Ordinal) || k.StartsWith("FUNCTIONS_", StringComparison.Ordinal) || k == "AZURE_FUNCTIONS_ENVIRONMENT").ToList())
        {
            start.Environment.Remove(name);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        return Process.Start(start)!;
    }

    [Fact]
    public async Task Invalid_configuration_stops_start_up_naming_the_setting_not_its_value()
    {
        using var process = Start(new Dictionary<string, string>
        {
            ["FUNCTIONS_CUSTOMHANDLER_PORT"] = FreePorts.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Residency__StorageConnectionString"] = "AccountName=x;AccountKey=top-secret-value;nonsense",
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
        var port = FreePorts.Next();
        using var process = Start(new Dictionary<string, string>
        {
            ["FUNCTIONS_CUSTOMHANDLER_PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["FUNCTIONS_CUSTOMHANDLER_WORKER_ID"] = Guid.NewGuid().ToString(),
            ["FUNCTIONS_APP_ROOT_PATH"] = Path.GetDirectoryName(HandlerDll)!,
            ["AZURE_FUNCTIONS_ENVIRONMENT"] = "Development",
            ["Residency__StorageConnectionString"] = azurite.ConnectionString,
        });
        _ = process.StandardOutput.ReadToEndAsync();
        _ = process.StandardError.ReadToEndAsync();
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = TimeSpan.FromSeconds(60) };
            var ready = false;
            for (var attempt = 0; attempt < 300 && !ready && !process.HasExited; attempt++)
            {
                try
                {
                    using var probe = await http.GetAsync(new Uri("/", UriKind.Relative));
                    ready = true;
                }
                catch (HttpRequestException)
                {
                    await Task.Delay(200);
                }
            }

            Assert.True(ready, "the handler never answered GET /");
            var partition = Uploads.NewPartition();
            using var content = new ByteArrayContent(HostInvocationWriter.Write(new IngestBatch(partition, [Uploads.Event(5, Uploads.Sample("cabin"))])));
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            using var response = await http.PostAsync(new Uri("/VehicleIngest", UriKind.Relative), content);
            var reply = HandlerReply.Parse((int)response.StatusCode, response.Content.Headers.ContentType?.MediaType, await response.Content.ReadAsStringAsync());

            Assert.Equal(200, reply.Status);
            Assert.Equal(EventDisposition.Stored, Assert.Single(reply.Outcome!.Events).Disposition);
            (await StorageEvidence.ReadAsync(azurite.CreateClient(), partition)).AssertEachSequenceAccountedOnce([5]);
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }
}
