using Azure;
using Azure.Identity;
using Residency.Development;
using Residency.Storage;

namespace Residency.Cli;

/// <summary>
/// Turns what a verb may meet into one line and an exit code: our own <see cref="CliException"/>, a refused endpoint,
/// storage and sign-in failures, a host that did not start. Storage failures show the status and error code only:
/// storage messages may repeat the request, and with it a vehicle key. Anything else is a bug and is not caught.
/// </summary>
internal static class CliFailures
{
    public static bool TryDescribe(Exception exception, out int exitCode, out IReadOnlyList<string> lines)
    {
        (exitCode, var message, var details) = exception switch
        {
            CliException e => (e.ExitCode, e.Message, e.Details),
            ResidencyViolationException e => (ExitCodes.Failure, "refused: " + e.Message, []),
            StorageUnavailableException { Status: 0 } => (ExitCodes.Failure, "storage could not be reached.", []),
            StorageUnavailableException e when e.InnerException is AuthenticationFailedException => (ExitCodes.Failure, NoToken, []),
            StorageUnavailableException e => (ExitCodes.Failure, $"storage answered {e.Status} {e.ErrorCode ?? "(no error code)"}.", []),
            RequestFailedException e => (ExitCodes.Failure, $"storage answered {e.Status} {e.ErrorCode ?? "(no error code)"}.", []),
            AuthenticationFailedException => (ExitCodes.Failure, NoToken, []),
            DevelopmentHostException e => (ExitCodes.Failure, e.Message, []),
            _ => (-1, string.Empty, (IReadOnlyList<string>)[]),
        };
        lines = exitCode < 0 ? [] : [Error(message), .. details.Select(d => "  - " + d)];
        return exitCode >= 0;
    }

    /// <summary>The one prefix every error line carries.</summary>
    public static string Error(string message) => "error: " + message;

    private const string NoToken =
        "no Entra ID token for storage (az login with AzureChinaCloud, managed identity or AZURE_* variables; authority https://login.chinacloudapi.cn).";
}
