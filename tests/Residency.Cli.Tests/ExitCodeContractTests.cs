using Xunit;

namespace Residency.Cli.Tests;

/// <summary>
/// One CLI contract for every verb (README, "Exit codes"): 0 ok, 1 failure or findings, 2 usage, 3 invalid policy or
/// input where documented; an error is one line starting "error: ", never a stack trace.
/// </summary>
public sealed class ExitCodeContractTests : IDisposable
{
    private const string Key = "0000000000000000000000000000000000000000000000000000000000000000";
    private const string PublicCloud = "https://residencydata.blob.core.windows.net";
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    public static TheoryData<int, string[]> Cases() => new()
    {
        { 2, ["no-such-verb"] },
        { 2, ["classify"] },
        { 2, ["classify", "--no-such-option", "x.json"] },
        { 2, ["classify", "does-not-exist.json"] },
        { 2, ["policy", "validate"] },
        { 2, ["policy", "show", "--policy", "does-not-exist.json"] },
        { 2, ["simulate", "--count", "1"] },
        { 2, ["simulate", "--handler", "ftp://x", "--count", "1"] },
        { 2, ["simulate", "--handler", "http://127.0.0.1:1", "--vehicles", "0"] },
        { 2, ["simulate", "--handler", "http://127.0.0.1:1", "--gzip-share", "2"] },
        { 2, ["simulate", "--handler", "http://127.0.0.1:1", "--namespace", "myns.servicebus.chinacloudapi.cn"] },
        { 1, ["simulate", "--namespace", "myns.servicebus.windows.net", "--count", "1"] },
        { 2, ["local-run", "--partitions", "0"] },
        { 2, ["local-run", "--kinds", "lorry=1"] },
        { 2, ["local-run", "--count", "-1"] },
        { 2, ["local-run", "--handler", "no-such-handler"] },
        { 2, ["bench", "--handler", "no-such-handler"] },
        { 2, ["vehicle", "key"] },
        { 2, ["vehicle", "key", "NOT-A-VIN"] },
        { 2, ["vehicle", "find"] },
        { 2, ["vehicle", "find", "--vehicle-key", Key, "--connection-string", "x", "--blob-endpoint", PublicCloud] },
        { 2, ["vehicle", "find", "--vehicle-key", Key, "--delete"] },
        { 2, ["vehicle", "find", "--vehicle-key", "xyz", "--blob-endpoint", PublicCloud] },
        { 1, ["vehicle", "find", "--vehicle-key", Key, "--blob-endpoint", PublicCloud] },
        { 2, ["audit", "verify"] },
        { 2, ["audit", "verify", "--partition", "a/b", "--blob-endpoint", PublicCloud] },
        { 2, ["audit", "verify", "--blob-endpoint", "not a url"] },
        { 1, ["audit", "verify", "--blob-endpoint", PublicCloud] },
        { 2, ["report", "annual"] },
        { 2, ["report", "annual", "--year", "2026", "--facts", "f.json", "--out", "o", "--through", "2025-12-01", "--blob-endpoint", PublicCloud] },
        { 2, ["report", "annual", "--year", "2026", "--facts", "f.json", "--out", "o", "--through", "15 Dec", "--blob-endpoint", PublicCloud] },
        { 2, ["report", "annual", "--year", "2020", "--facts", "f.json", "--out", "o", "--blob-endpoint", PublicCloud] },
        { 2, ["report", "annual", "--year", "2026", "--facts", "does-not-exist.json", "--out", "o", "--connection-string", "UseDevelopmentStorage=true", "--development"] },
        { 1, ["report", "annual", "--year", "2026", "--facts", "f.json", "--out", "o", "--blob-endpoint", PublicCloud] },
        { 2, ["bench", "--batch-sizes", "0"] },
        { 2, ["bench", "report", "--partitions", "0"] },
        { 2, ["bench", "cold-start", "--runs", "0"] },
        { 2, ["bench", "cold-start", "--handler", "no-such-handler"] },
        { 2, ["bench", "--partitions", "99"] },
        { 2, ["soak", "--workers", "0"] },
        { 2, ["soak", "--requests", "0"] },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Every_verb_answers_bad_arguments_with_its_documented_code_and_one_line_per_error(int expected, string[] args)
    {
        var (exit, output, error) = await CliRunner.RunAsync(args);

        Assert.True(expected == exit, $"expected exit {expected}, got {exit}: {error}");
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", error, StringComparison.Ordinal);
        Assert.DoesNotContain("simulate: sending to", error, StringComparison.Ordinal);
        Assert.Empty(output);
    }

    [Fact]
    public async Task Invalid_input_exits_3_where_documented()
    {
        var policy = _directory.Write("policy.json", "{}");
        var upload = _directory.Write("upload.json", "{ not json");

        Assert.Equal(3, (await CliRunner.RunAsync("policy", "validate", policy)).ExitCode);
        Assert.Equal(3, (await CliRunner.RunAsync("classify", "--policy", policy, upload)).ExitCode);
        var (exit, _, error) = await CliRunner.RunAsync("classify", upload);
        Assert.Equal(3, exit);
        Assert.StartsWith("warning: ", error, StringComparison.Ordinal);
        Assert.Contains("\nerror: invalid-json:", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refused_endpoint_is_one_error_line()
    {
        var (exit, _, error) = await CliRunner.RunAsync("audit", "verify", "--blob-endpoint", PublicCloud);

        Assert.Equal(1, exit);
        Assert.StartsWith("error: refused: ", error, StringComparison.Ordinal);
        Assert.Single(error.TrimEnd().Split('\n'));
    }
}
