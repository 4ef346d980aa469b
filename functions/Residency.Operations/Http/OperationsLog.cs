using Microsoft.Extensions.Logging;

namespace Residency.Operations.Http;

/// <summary>The app's log lines: the caller's object id, the request id and outcomes; never a VIN, vehicle key or ticket.</summary>
public static partial class OperationsLog
{
    /// <summary>A call was accepted.</summary>
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "{Operation} by caller {CallerObjectId}, request {RequestId}: {Result}")]
    public static partial void Call(ILogger logger, string operation, string callerObjectId, string requestId, string result);

    /// <summary>Requests were listed.</summary>
    [LoggerMessage(EventId = 4, Level = LogLevel.Information, Message = "list by caller {CallerObjectId}: {Count} request(s)")]
    public static partial void Listed(ILogger logger, string callerObjectId, int count);

    /// <summary>A call was refused before anything was read.</summary>
    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "{Operation} refused with {Status}: {Reason}")]
    public static partial void Refused(ILogger logger, string operation, int status, string reason);

    /// <summary>Processing failed; the request stays open and a repeated post retries it.</summary>
    [LoggerMessage(EventId = 3, Level = LogLevel.Error, Message = "{Operation} by caller {CallerObjectId}, request {RequestId} failed: {ErrorType}")]
    public static partial void Failed(ILogger logger, string operation, string callerObjectId, string requestId, string errorType);
}
