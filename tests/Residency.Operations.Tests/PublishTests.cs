using System.Diagnostics;
using System.Text.Json;
using Residency.Testing;
using Xunit;

namespace Residency.Operations.Tests;

/// <summary><c>dotnet publish</c> of the operations app gives a deployable isolated-worker app folder.</summary>
public sealed class PublishTests : IDisposable
{
    private readonly string _output = Path.Combine(Path.GetTempPath(), "residency-ops-publish-" + Guid.NewGuid().ToString("N")[..8]);

    public void Dispose()
    {
        if (Directory.Exists(_output))
        {
            Directory.Delete(_output, recursive: true);
        }
    }

    [Fact]
    public async Task Publish_writes_the_worker_host_json_and_function_metadata()
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = RepoPaths.Root };
        foreach (var argument in new[] { "publish", Path.Combine("functions", "Residency.Operations"), "-c", "Release", "-o", _output, "--nologo" })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(10));
        Assert.True(process.ExitCode == 0, await stdout + await stderr);

        Assert.True(File.Exists(Path.Combine(_output, "Residency.Operations.dll")));
        Assert.True(File.Exists(Path.Combine(_output, "host.json")));
        using (var worker = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(_output, "worker.config.json"))))
        {
            Assert.Equal("dotnet-isolated", worker.RootElement.GetProperty("description").GetProperty("language").GetString());
            Assert.Equal("Residency.Operations.dll", worker.RootElement.GetProperty("description").GetProperty("defaultWorkerPath").GetString());
        }

        using var metadata = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(_output, "functions.metadata")));
        Assert.Equal(4, metadata.RootElement.GetArrayLength());

        // The deployed app carries no development tooling (Azurite launcher) and no CLI.
        Assert.False(File.Exists(Path.Combine(_output, "Residency.Development.dll")));
        Assert.False(File.Exists(Path.Combine(_output, "Residency.Cli.dll")));
    }
}
