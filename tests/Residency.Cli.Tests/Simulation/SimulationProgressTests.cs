using Microsoft.Extensions.Time.Testing;
using Residency.Cli.Simulation;
using Xunit;

namespace Residency.Cli.Tests.Simulation;

/// <summary>The progress line: rewritten in place on a terminal, plain lines when redirected.</summary>
public sealed class SimulationProgressTests
{
    [Fact]
    public async Task Redirected_progress_is_plain_lines_without_carriage_returns()
    {
        var output = new StringWriter();
        // The clock stands still: the throttle lets the first line and the final totals through, whatever the machine's speed.
        var runner = new SimulationRunner(Generator(), new AcceptingSink(), output, new FakeTimeProvider(), rewriteProgressLine: false);

        var summary = await runner.RunAsync(count: 50, duration: null, ratePerSecond: 0, chunkSize: 10, CancellationToken.None);

        var text = output.ToString();
        Assert.DoesNotContain('\r', text);
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.All(lines, line => Assert.StartsWith("simulate: ", line, StringComparison.Ordinal));
        // Throttled: the first chunk's line, then the final totals; not one line per chunk.
        Assert.Equal(2, lines.Length);
        Assert.StartsWith("simulate: 50 events", lines[^1], StringComparison.Ordinal);
        Assert.Equal(50, summary.Generated);
    }

    [Fact]
    public async Task Terminal_progress_rewrites_one_line_and_ends_it()
    {
        var output = new StringWriter();
        var runner = new SimulationRunner(Generator(), new AcceptingSink(), output, new FakeTimeProvider(), rewriteProgressLine: true);

        await runner.RunAsync(count: 30, duration: null, ratePerSecond: 0, chunkSize: 10, CancellationToken.None);

        var text = output.ToString();
        Assert.Equal(4, text.Count(c => c == '\r'));   // three chunks and the final totals
        Assert.EndsWith(Environment.NewLine, text, StringComparison.Ordinal);
        Assert.Contains("simulate: 30 events", text, StringComparison.Ordinal);
    }

    private static FleetGenerator Generator() =>
        new(new FleetOptions { Vehicles = 2, MalformedShare = 0, AllowOversized = false, Seed = 3 });

    /// <summary>Accepts every event, so the runner's own output is what is under test.</summary>
    private sealed class AcceptingSink : IEventSink
    {
        public Task<SinkReport> SendAsync(IReadOnlyList<SimulatedEvent> events, CancellationToken cancellationToken) =>
            Task.FromResult(new SinkReport(Batches: 1, Accepted: events.Count, Failed: 0));
    }
}
