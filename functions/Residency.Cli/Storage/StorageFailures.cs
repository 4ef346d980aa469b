using Azure;
using Azure.Identity;
using Residency.Storage;

namespace Residency.Cli.Storage;

/// <summary>
/// One line for a storage failure of a CLI command. Status and error code only: storage messages may repeat the
/// request, and with it a vehicle key.
/// </summary>
internal static class StorageFailures
{
    public static bool TryDescribe(Exception exception, out string line)
    {
        line = exception switch
        {
            StorageUnavailableException { Status: 0 } => "error: storage could not be reached.",
            StorageUnavailableException e when e.InnerException is AuthenticationFailedException =>
                "error: no Entra ID token for storage (az login with AzureChinaCloud, managed identity or AZURE_* variables; authority https://login.chinacloudapi.cn).",
            StorageUnavailableException e => $"error: storage answered {e.Status} {e.ErrorCode ?? "(no error code)"}.",
            RequestFailedException e => $"error: storage answered {e.Status} {e.ErrorCode ?? "(no error code)"}.",
            _ => string.Empty,
        };
        return line.Length > 0;
    }
}
