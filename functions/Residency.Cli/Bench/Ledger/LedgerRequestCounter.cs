using Azure.Core;
using Azure.Core.Pipeline;

namespace Residency.Cli.Bench.Ledger;

/// <summary>Counts the requests the day ledger adds: day summary writes and reads, and the listings of a day's deletion receipts.</summary>
internal sealed class LedgerRequestCounter : HttpPipelineSynchronousPolicy
{
    private long _summaries;
    private long _receiptListings;

    public long Summaries => Interlocked.Read(ref _summaries);

    public long ReceiptListings => Interlocked.Read(ref _receiptListings);

    public override void OnSendingRequest(HttpMessage message)
    {
        var uri = message.Request.Uri.ToString();
        if (uri.Contains("/vehicle-audit/days/", StringComparison.Ordinal))
        {
            Interlocked.Increment(ref _summaries);
        }
        else if (uri.Contains("/vehicle-audit", StringComparison.Ordinal) && uri.Contains("prefix=deletions", StringComparison.Ordinal))
        {
            Interlocked.Increment(ref _receiptListings);
        }
    }
}
