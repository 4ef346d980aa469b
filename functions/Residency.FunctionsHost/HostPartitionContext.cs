namespace Residency.FunctionsHost;

/// <summary>The Event Hubs partition context the host puts in an invocation's metadata.</summary>
/// <param name="FullyQualifiedNamespace">The namespace host name.</param>
/// <param name="EventHubName">The hub.</param>
/// <param name="ConsumerGroup">The consumer group.</param>
public sealed record HostPartitionContext(
    string FullyQualifiedNamespace = "local.servicebus.chinacloudapi.cn",
    string EventHubName = "vehicle-uploads",
    string ConsumerGroup = "residency");
