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
    public async Task The_frame_bounds_come_from_the_settings_and_an_upload_over_them_is_quarantined()
    {
        // The sample event carries two exterior frames.
        await using var strict = await HandlerLauncher.StartDevelopmentAsync(azurite.ConnectionString,
            new Dictionary<string, string> { [HandlerSettingNames.MaxFramesPerUpload] = "1" });
        await using var lenient = await HandlerLauncher.StartDevelopmentAsync(azurite.ConnectionString);

        var refused = await strict.Client.PostAsync(HostInvocationWriter.Write(new IngestBatch(Uploads.NewPartition(), [Uploads.Event(1, Uploads.Sample("event"))])));
        var stored = await lenient.Client.PostAsync(HostInvocationWriter.Write(new IngestBatch(Uploads.NewPartition(), [Uploads.Event(1, Uploads.Sample("event"))])));

        var quarantined = Assert.Single(refused.Outcome!.Events);
        Assert.Equal((EventDisposition.Quarantined, "image-too-large"), (quarantined.Disposition, quarantined.ReasonCode));
        Assert.Equal(EventDisposition.Stored, Assert.Single(stored.Outcome!.Events).Disposition);
    }

    [Fact]
    public async Task A_changed_frame_model_stops_start_up_naming_the_file()
    {
        // The built handler in a scratch folder (its files copied, so the app's folder is the copy; the large native
        // folders linked), with one model file changed by one byte.
        var built = Path.GetDirectoryName(BuildPaths.Handler)!;
        var copy = Directory.CreateTempSubdirectory("residency-handler-");
        try
        {
            foreach (var file in Directory.EnumerateFiles(built))
            {
                File.Copy(file, Path.Combine(copy.FullName, Path.GetFileName(file)));
            }

            foreach (var folder in new DirectoryInfo(built).EnumerateDirectories().Where(d => d.Name != "frame-models"))
            {
                Directory.CreateSymbolicLink(Path.Combine(copy.FullName, folder.Name), folder.FullName);
            }

            var models = Directory.CreateDirectory(Path.Combine(copy.FullName, "frame-models"));
            foreach (var model in Directory.EnumerateFiles(Path.Combine(built, "frame-models")))
            {
                File.Copy(model, Path.Combine(models.FullName, Path.GetFileName(model)));
            }

            var changed = Path.Combine(models.FullName, "face_detection_back_256x256_barracuda.onnx");
            var bytes = await File.ReadAllBytesAsync(changed);
            bytes[^1] ^= 0xFF;
            await File.WriteAllBytesAsync(changed, bytes);

            using var process = HandlerLauncher.Start(new Dictionary<string, string>
            {
                [HandlerSettingNames.Port] = FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
                [HandlerSettingNames.Environment] = "Development",
                [HandlerSettingNames.StorageConnectionString] = azurite.ConnectionString,
            }, Path.Combine(copy.FullName, Path.GetFileName(BuildPaths.Handler)));
            var stderr = process.StandardError.ReadToEndAsync();
            try
            {
                await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(1));
            }
            finally
            {
                // A handler that started anyway must not outlive the test.
                process.Kill(entireProcessTree: true);
            }

            Assert.Equal(2, process.ExitCode);
            var text = await stderr;
            Assert.Contains("cannot start", text, StringComparison.Ordinal);
            Assert.Contains("face_detection_back_256x256_barracuda.onnx", text, StringComparison.Ordinal);
        }
        finally
        {
            copy.Delete(recursive: true);
        }
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
