namespace Residency.Storage;

/// <summary>
/// Blob storage could not be reached, kept failing (5xx, timeouts) after retries, or refused our identity:
/// the batch must fail (HTTP 500) so the host retries it later. The message names the operation and container only.
/// </summary>
public sealed class StorageUnavailableException : Exception
{
    /// <summary>Creates the exception.</summary>
    public StorageUnavailableException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public StorageUnavailableException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the underlying failure.</summary>
    public StorageUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The HTTP status of the last attempt, or 0 when no response came back.</summary>
    public int Status { get; init; }

    /// <summary>The service error code of the last attempt, when there was one.</summary>
    public string? ErrorCode { get; init; }
}
