using Xunit;

namespace Residency.Cli.Tests.Simulation;

/// <summary>The README's main command, for real: embedded Azurite, the handler executable, a small fleet, the summary.</summary>
public class LocalRunCommandTests
{
    [Fact]
    public async Task Local_run_accounts_for_every_upload_and_prints_the_summary()
    {
        var (exit, text, _) = await CliRunner.RunAsync("local-run", "--count", "90", "--vehicles", "6", "--seed", "11", "--malformed-share", "0.2");

        Assert.True(exit == 0, text);
        Assert.Contains("local-run: every upload was stored or quarantined.", text, StringComparison.Ordinal);
        Assert.Contains("90 accounted for", text, StringComparison.Ordinal);
        foreach (var container in new[] { "vehicle-general", "vehicle-personal", "vehicle-sensitive", "vehicle-important", "vehicle-quarantine", "vehicle-audit" })
        {
            Assert.Contains(container, text, StringComparison.Ordinal);
        }

        Assert.Contains("quarantine reasons: ", text, StringComparison.Ordinal);
        // The summary read from the handler's own instruments (a MeterListener in its process).
        Assert.Contains("metrics (the handler's instruments", text, StringComparison.Ordinal);
        Assert.Contains("residency.events residency.outcome=quarantined,residency.level=none: ", text, StringComparison.Ordinal);
        Assert.Contains("residency.invocation.duration http.response.status_code=200: count ", text, StringComparison.Ordinal);
        Assert.DoesNotContain("quarantine reasons: none", text, StringComparison.Ordinal);
        Assert.DoesNotContain("unexpected:", text, StringComparison.Ordinal);
    }
}
