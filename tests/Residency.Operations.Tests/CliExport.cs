using System.Diagnostics;
using Residency.Testing;

namespace Residency.Operations.Tests;

/// <summary>Runs the built <c>residency vehicle find --export</c> as a process, for comparing its folder with the API's export.</summary>
internal static class CliExport
{
    // The referenced CLI is built in the test's own configuration (bin/{Configuration}/net10.0).
    private static string CliPath => Path.Combine(RepoPaths.Root, "functions", "Residency.Cli", "bin",
        new DirectoryInfo(AppContext.BaseDirectory.TrimEnd('/')).Parent!.Name, "net10.0", "residency.dll");

    public static async Task<string> RunAsync(AzuriteFixture azurite, string vehicleKey)
    {
        var folder = Path.Combine(Path.GetTempPath(), "residency-cli-export-" + Guid.NewGuid().ToString("N")[..8]);
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[]
                 {
                     CliPath, "vehicle", "find", "--vehicle-key", vehicleKey,
                     "--connection-string", azurite.ConnectionString, "--development", "--export", folder,
                 })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"vehicle find --export exited {process.ExitCode}: {await stdout}{await stderr}");
        }

        return folder;
    }
}
