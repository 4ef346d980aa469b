using Residency.FunctionsHost;
using Residency.Ingest;
using Xunit;

namespace Residency.Functions.Tests.FunctionsHost;

/// <summary>The response body the handler writes is the one the local run, the benchmark and the tests read back.</summary>
public class HostInvocationResponseTests
{
    [Fact]
    public void The_body_round_trips_with_its_outcome_and_logs()
    {
        var outcome = new IngestOutcome("7",
        [
            new EventOutcome(10, EventDisposition.Stored, null, ["general", "personal"]),
            new EventOutcome(11, EventDisposition.Quarantined, "gzip-bomb", []),
            new EventOutcome(12, EventDisposition.AlreadyCommitted, null, []),
            new EventOutcome(13, EventDisposition.AlreadyCommitted, null, []),
        ], storageRequests: 9);

        var read = HostInvocationResponse.TryParse(new HostInvocationResponse(["line one", "line two"], outcome).ToUtf8Json())!.Outcome!;

        Assert.Equal(outcome.Events, read.Events, (a, b) => a.SequenceNumber == b.SequenceNumber && a.Disposition == b.Disposition &&
            a.ReasonCode == b.ReasonCode && a.Levels.SequenceEqual(b.Levels));
        Assert.Equal(outcome.CountsByLevel, read.CountsByLevel);
        Assert.Equal(10, read.FirstSequenceNumber);
        Assert.Equal(13, read.LastSequenceNumber);
        Assert.Equal(1, read.CountsByReason["gzip-bomb"]);
        Assert.Equal(9, read.StorageRequests);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[]")]
    [InlineData("""{"Logs":[],"ReturnValue":null}""")]
    [InlineData("""{"Outputs":{},"Logs":{},"ReturnValue":null}""")]
    public void A_body_not_of_the_hosts_shape_is_not_a_response(string body) =>
        Assert.Null(HostInvocationResponse.TryParse(System.Text.Encoding.UTF8.GetBytes(body)));

    [Fact]
    public void A_failure_body_has_logs_and_no_outcome()
    {
        var read = HostInvocationResponse.TryParse(new HostInvocationResponse(["Storage unavailable"], null).ToUtf8Json())!;
        Assert.Equal(["Storage unavailable"], read.Logs);
        Assert.Null(read.Outcome);
    }
}
