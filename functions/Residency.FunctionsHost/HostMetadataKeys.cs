namespace Residency.FunctionsHost;

/// <summary>The keys the Functions host uses in an Event Hubs (cardinality many) invocation request.</summary>
public static class HostMetadataKeys
{
    /// <summary>Top-level object holding the binding values.</summary>
    public const string Data = "Data";

    /// <summary>Top-level object holding the trigger metadata.</summary>
    public const string Metadata = "Metadata";

    /// <summary>Object: FullyQualifiedNamespace, EventHubName, ConsumerGroup, PartitionId, IsCheckpointingAfterInvocation.</summary>
    public const string PartitionContext = "PartitionContext";

    /// <summary>Array of sequence numbers, one per event.</summary>
    public const string SequenceNumberArray = "SequenceNumberArray";

    /// <summary>Array of offsets, one per event.</summary>
    public const string OffsetArray = "OffsetArray";

    /// <summary>Array of enqueued times, one per event.</summary>
    public const string EnqueuedTimeUtcArray = "EnqueuedTimeUtcArray";

    /// <summary>Array of partition keys, one per event.</summary>
    public const string PartitionKeyArray = "PartitionKeyArray";

    /// <summary>Array of application-property objects, one per event.</summary>
    public const string PropertiesArray = "PropertiesArray";

    /// <summary>Array of system-property objects, one per event.</summary>
    public const string SystemPropertiesArray = "SystemPropertiesArray";

    /// <summary>Object present when a retry policy applies: MaxRetryCount, RetryCount, Exception.</summary>
    public const string RetryContext = "RetryContext";

    /// <summary>Object: MethodName, UtcNow, RandGuid.</summary>
    public const string Sys = "sys";

    /// <summary>The trigger binding's name in VehicleIngest/function.json.</summary>
    public const string EventsBinding = "events";
}
