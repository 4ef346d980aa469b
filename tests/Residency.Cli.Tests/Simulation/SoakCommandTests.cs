using Xunit;

namespace Residency.Cli.Tests.Simulation;

/// <summary>The soak, briefly and for real: embedded Azurite, the handler executable, every kind of hostile request.</summary>
public class SoakCommandTests
{
    [Fact]
    public async Task A_short_soak_is_clean_and_reports_every_figure()
    {
        var (exit, text, _) = await CliRunner.RunAsync("soak", "--requests", "40", "--workers", "2", "--seed", "3");

        Assert.True(exit == 0, text);
        Assert.Contains("soak: clean.", text, StringComparison.Ordinal);
        Assert.Contains("residency.storage.requests residency.storage.operation=", text, StringComparison.Ordinal);
        Assert.Matches(@"40 requests \(Batch \d+", text);
        Assert.Matches(@"events:\s+\d+ \(\d+ events/s", text);
        Assert.Matches(@"500s and wrong answers: 0", text);
        Assert.Matches(@"without an outcome:\s+0 sequence", text);
        Assert.Matches(@"handler peak memory:\s+\d+ MiB", text);
        Assert.Contains("audit verify:           clean", text, StringComparison.Ordinal);
    }
}
