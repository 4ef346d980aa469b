using System.Net;

namespace Residency.Cli.Simulation.EventHubs;

/// <summary>
/// Fail closed on residency: uploads go only to an Azure China Event Hubs namespace, or to a development emulator
/// that was named explicitly and runs on this machine or beside it (a loopback address or a container name).
/// </summary>
internal static class EventHubsResidency
{
    /// <summary>The DNS suffix of every Event Hubs namespace in Azure China.</summary>
    public const string ChinaNamespaceSuffix = ".servicebus.chinacloudapi.cn";

    /// <summary>Why the host may not receive uploads, or null when it may.</summary>
    public static string? Refusal(string host, bool developmentEmulator)
    {
        if (developmentEmulator)
        {
            // The emulator speaks AMQP without TLS: never let that flag carry uploads to a remote namespace.
            return IsLocal(host)
                ? null
                : $"UseDevelopmentEmulator=true names a local emulator, but '{host}' is neither a loopback address nor a container name.";
        }

        return IsChinaNamespace(host)
            ? null
            : $"the Event Hubs namespace '{host}' is outside Azure China: only *{ChinaNamespaceSuffix} is allowed, " +
              "or the development emulator through a connection string with UseDevelopmentEmulator=true.";
    }

    private static bool IsChinaNamespace(string host) =>
        host.Length > ChinaNamespaceSuffix.Length
        && host.EndsWith(ChinaNamespaceSuffix, StringComparison.OrdinalIgnoreCase)
        && Uri.CheckHostName(host) == UriHostNameType.Dns;

    private static bool IsLocal(string host) =>
        string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)
        || (IPAddress.TryParse(host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address))
        || (Uri.CheckHostName(host) == UriHostNameType.Dns && !host.Contains('.', StringComparison.Ordinal));
}
