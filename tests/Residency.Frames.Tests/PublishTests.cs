using System.Diagnostics;
using System.Security.Cryptography;
using Residency.Frames.Inference;
using Xunit;

namespace Residency.Frames.Tests;

/// <summary>An executable that references Residency.Frames (tests/Residency.Frames.Bench) publishes for linux-x64 with the
/// pinned models and without ONNX Runtime's Windows libraries, as build/publish-functions.sh will publish the handler.</summary>
public sealed class PublishTests : IDisposable
{
    private readonly string _output = Directory.CreateTempSubdirectory("frames-publish-").FullName;

    [Fact]
    public async Task A_linux_x64_publish_carries_the_verified_models_and_no_windows_onnx_runtime()
    {
        // PlatformTarget=x64 is the case where ONNX Runtime's build props would add onnxruntime.dll to the output root.
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = FramesFixture.RepoRoot,
        };
        foreach (var argument in new[]
        {
            "publish", "tests/Residency.Frames.Bench/Residency.Frames.Bench.csproj", "-c", "Release", "-r", "linux-x64", "--self-contained", "false",
            "-p:PlatformTarget=x64", "-o", _output,
        })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(10));
        Assert.True(process.ExitCode == 0, await stdout + await stderr);

        foreach (var model in ModelFiles.All)
        {
            var path = Path.Combine(_output, "frame-models", model.FileName);
            Assert.True(File.Exists(path), path);
            Assert.Equal(model.Sha256, Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path))));
        }

        Assert.True(File.Exists(Path.Combine(_output, "libonnxruntime.so")));
        Assert.True(File.Exists(Path.Combine(_output, "libSkiaSharp.so")));
        Assert.Empty(Directory.GetFiles(_output, "onnxruntime*.dll", SearchOption.AllDirectories));
        Assert.Empty(Directory.GetFiles(_output, "*.dylib", SearchOption.AllDirectories));
    }

    public void Dispose() => Directory.Delete(_output, recursive: true);
}
