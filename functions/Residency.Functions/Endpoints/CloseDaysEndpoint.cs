using Residency.Storage;
using Residency.Storage.Ledger;

namespace Residency.Functions.Endpoints;

/// <summary>
/// POST /CloseDays: the daily timer (00:10 China Standard Time, <c>CloseDays/function.json</c>) seals, in every
/// partition, each day before today not sealed yet, so a partition that received nothing still has its day closed
/// and summarized. A batch of a later day does the same for its partition; whoever comes first seals, once.
/// </summary>
internal static partial class CloseDaysEndpoint
{
    public const string Route = "/CloseDays";

    public static async Task<IResult> HandleAsync(
        HttpRequest request, ResidencyStore store, TimeProvider time, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var logger = loggers.CreateLogger("Residency.Functions.CloseDays");
        var invocationId = LogSafe.InvocationId(request.Headers["X-Azure-Functions-InvocationId"].ToString());
        var today = ChinaDay.Of(time.GetUtcNow());
        try
        {
            await store.EnsureContainersAsync(cancellationToken);
            var sealedDays = await store.CloseDaysAsync(today, cancellationToken);
            var line = $"Sealed {sealedDays} partition-day(s) before {ChinaDay.Format(today)} (China Standard Time).";
            LogClosed(logger, invocationId, line);
            return InvocationResponse.Json(StatusCodes.Status200OK, [line]);
        }
        catch (StorageUnavailableException ex)
        {
            // The host's retry policy tries again; the next batch of each partition seals its days too.
            var line = $"Storage unavailable while closing days; the host retries. {ex.Message}";
            LogUnavailable(logger, invocationId, line);
            return InvocationResponse.Json(StatusCodes.Status500InternalServerError, [line]);
        }
    }

    [LoggerMessage(EventId = 20, Level = LogLevel.Information, Message = "CloseDays {InvocationId}: {Line}")]
    private static partial void LogClosed(ILogger logger, string invocationId, string line);

    [LoggerMessage(EventId = 21, Level = LogLevel.Error, Message = "CloseDays {InvocationId}: {Line}")]
    private static partial void LogUnavailable(ILogger logger, string invocationId, string line);
}
