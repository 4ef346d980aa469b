using System.Diagnostics;
using System.IO.Compression;
using System.Text.Json;
using Residency.Testing;
using Xunit;

namespace Residency.Cli.Tests;

public class ClassifyCommandTests
{
    private static string Sample(string name) => Path.Combine(RepoPaths.Root, "samples", "uploads", name);

    [Fact]
    public void Classify_prints_the_report_of_design_section_4()
    {
        var (exitCode, output, error) = CliRunner.Run("classify", Sample("event.json"));
        Assert.Equal(0, exitCode);
        Assert.Contains("development key", error, StringComparison.Ordinal);
        var report = JsonDocument.Parse(output).RootElement;
        Assert.Equal("cn-auto", report.GetProperty("policy").GetProperty("id").GetString());
        Assert.Matches("^[0-9a-f]{64}$", report.GetProperty("policy").GetProperty("sha256").GetString());
        Assert.Equal("3f2504e0-4f89-41d3-9a0c-0305e82c3301", report.GetProperty("messageId").GetString());
        Assert.Matches("^[0-9a-f]{64}$", report.GetProperty("vehicleKey").GetString());
        Assert.Equal("important", report.GetProperty("classification").GetString());
        foreach (var field in report.GetProperty("fields").EnumerateArray())
        {
            Assert.StartsWith("$", field.GetProperty("path").GetString(), StringComparison.Ordinal);
            Assert.Contains(field.GetProperty("level").GetString(), new[] { "general", "personal", "sensitive", "important" });
            Assert.False(string.IsNullOrEmpty(field.GetProperty("category").GetString()));
            Assert.False(string.IsNullOrEmpty(field.GetProperty("rule").GetString()));
            Assert.False(string.IsNullOrEmpty(field.GetProperty("action").GetString()));
            Assert.True(field.GetProperty("count").GetInt32() >= 1);
        }

        var fragments = report.GetProperty("fragments");
        Assert.Equal(["general", "personal", "sensitive", "important"], fragments.EnumerateObject().Select(p => p.Name));
        Assert.Equal("LSJA24U62JG269225", fragments.GetProperty("personal").GetProperty("vin").GetString());
    }

    [Theory]
    [InlineData("duplicate-key")]
    [InlineData("wrong-type")]
    [InlineData("missing-field")]
    [InlineData("unknown-schema")]
    [InlineData("invalid-message-id")]
    [InlineData("invalid-json")]
    [InlineData("invalid-utf8")]
    [InlineData("invalid-image")]
    public void Invalid_upload_exits_3_with_the_reason_on_stderr(string reason)
    {
        var (exitCode, output, error) = CliRunner.Run("classify", Sample(Path.Combine("invalid", reason + ".json")));
        Assert.Equal(3, exitCode);
        Assert.Empty(output);
        Assert.Contains($"error: {reason}:", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_policy_exits_3_with_every_error()
    {
        using var dir = new TempDirectory();
        var policy = dir.Write("bad-policy.json", """{ "id": "x", "version": "1", "schema": "vehicle-upload/1", "rules": [ { "id": "r", "path": "$.a", "level": "secret" } ] }""");
        var (exitCode, output, error) = CliRunner.Run("classify", "--policy", policy, Sample("telemetry.json"));
        Assert.Equal(3, exitCode);
        Assert.Empty(output);
        Assert.Contains("rule 'r': level 'secret'", error, StringComparison.Ordinal);
        Assert.Contains("'fallback'", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Key_file_replaces_the_development_key_without_a_warning()
    {
        using var dir = new TempDirectory();
        var key = dir.Write("key.b64", Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray()) + "\n");
        var (exitCode, output, error) = CliRunner.Run("classify", "--key-file", key, Sample("telemetry.json"));
        Assert.Equal(0, exitCode);
        Assert.DoesNotContain("development key", error, StringComparison.Ordinal);
        var report = JsonDocument.Parse(output).RootElement;
        Assert.StartsWith("key-", report.GetProperty("keyId").GetString(), StringComparison.Ordinal);

        var (_, devOutput, _) = CliRunner.Run("classify", Sample("telemetry.json"));
        Assert.NotEqual(JsonDocument.Parse(devOutput).RootElement.GetProperty("vehicleKey").GetString(), report.GetProperty("vehicleKey").GetString());
    }

    [Fact]
    public void Short_key_file_is_a_usage_error()
    {
        using var dir = new TempDirectory();
        var key = dir.Write("key.b64", Convert.ToBase64String(new byte[16]));
        var (exitCode, _, error) = CliRunner.Run("classify", "--key-file", key, Sample("telemetry.json"));
        Assert.Equal(2, exitCode);
        Assert.Contains("at least 32", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Gzip_input_is_decompressed()
    {
        using var dir = new TempDirectory();
        var path = Path.Combine(dir.Path, "telemetry.json.gz");
        using (var gzip = new GZipStream(File.Create(path), CompressionLevel.Fastest))
        {
            gzip.Write(File.ReadAllBytes(Sample("telemetry.json")));
        }

        var (exitCode, output, _) = CliRunner.Run("classify", path);
        Assert.Equal(0, exitCode);
        Assert.Equal("sensitive", JsonDocument.Parse(output).RootElement.GetProperty("classification").GetString());
    }

    [Fact]
    public void Missing_file_is_a_usage_error()
    {
        var (exitCode, _, error) = CliRunner.Run("classify", Sample("does-not-exist.json"));
        Assert.Equal(2, exitCode);
        Assert.Contains("cannot read", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reads_stdin_when_the_file_is_a_dash()
    {
        // The real process: stdin cannot be redirected in-process.
        var cli = Path.Combine(AppContext.BaseDirectory, "residency.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { cli, "classify", "-" })
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        await process.StandardInput.WriteAsync(await File.ReadAllTextAsync(Sample("cabin.json")));
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        Assert.Equal(0, process.ExitCode);
        Assert.Equal("sensitive", JsonDocument.Parse(await stdout).RootElement.GetProperty("classification").GetString());
        Assert.Contains("development key", await stderr, StringComparison.Ordinal);
    }
}
