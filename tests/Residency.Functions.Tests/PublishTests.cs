using System.Diagnostics;
using System.IO.Compression;
using System.Text.Json;
using Residency.Development;
using Residency.Testing;
using Xunit;

namespace Residency.Functions.Tests;

/// <summary>build/publish-functions.sh produces a runnable Functions app and its run-from-package zip.</summary>
public sealed class PublishTests : IDisposable
{
    private readonly string _output = Path.Combine(Path.GetTempPath(), "residency-publish-" + Guid.NewGuid().ToString("N")[..8]);

    public void Dispose()
    {
        if (Directory.Exists(_output))
        {
            Directory.Delete(_output, recursive: true);
        }
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string fileName, IEnumerable<string> arguments, IDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(fileName) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = RepoPaths.Root };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(10));
        return (process.ExitCode, await stdout + await stderr);
    }

    [Fact]
    public async Task Publish_lays_out_a_self_contained_functions_app_and_zips_it_with_the_executable_bit()
    {
        var (exit, output) = await RunAsync("bash", [Path.Combine(RepoPaths.Root, "build", "publish-functions.sh"), _output]);
        Assert.True(exit == 0, output);

        var app = Path.Combine(_output, "app");
        using (var host = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(app, "host.json"))))
        {
            var executable = host.RootElement.GetProperty("customHandler").GetProperty("description").GetProperty("defaultExecutablePath").GetString()!;
            Assert.True(File.Exists(Path.Combine(app, executable)), executable);
        }

        Assert.True(File.Exists(Path.Combine(app, "VehicleIngest", "function.json")));
        Assert.True(File.Exists(Path.Combine(app, "handler", "libcoreclr.so")), "the handler is self-contained");
        // One composite ReadyToRun image for the framework and the app: generic code across assemblies is precompiled too.
        Assert.True(File.Exists(Path.Combine(app, "handler", "Residency.Functions.r2r.dll")), "the handler is compiled ahead of time as one composite image");
        Assert.False(File.Exists(Path.Combine(app, "handler", "host.json")));

        using (var zip = ZipFile.OpenRead(Path.Combine(_output, "residency-functions.zip")))
        {
            var names = zip.Entries.Select(e => e.FullName.Replace('\\', '/')).ToHashSet();
            Assert.Contains("host.json", names);
            Assert.Contains("VehicleIngest/function.json", names);
            var handler = zip.Entries.Single(e => e.FullName.Replace('\\', '/') == "handler/Residency.Functions");
            Assert.NotEqual(0, (handler.ExternalAttributes >> 16) & 0b001_001_001); // executable
        }

        // The published executable runs on its own: with no settings it stops, naming what is missing.
        var (handlerExit, handlerOutput) = await RunAsync(Path.Combine(app, "handler", "Residency.Functions"), [],
            new Dictionary<string, string> { ["FUNCTIONS_CUSTOMHANDLER_PORT"] = FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture) });
        Assert.Equal(2, handlerExit);
        Assert.Contains("Residency__StorageConnectionString", handlerOutput, StringComparison.Ordinal);
    }
}
