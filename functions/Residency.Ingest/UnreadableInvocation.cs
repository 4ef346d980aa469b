namespace Residency.Ingest;

/// <summary>Where a whole unreadable invocation request is recorded: no partition or sequence number can be trusted.</summary>
public static class UnreadableInvocation
{
    /// <summary>The pseudo partition id under which unreadable requests are quarantined, named by their SHA-256.</summary>
    public const string PartitionId = "unreadable-invocation";
}
