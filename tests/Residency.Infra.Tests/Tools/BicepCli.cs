using System.Diagnostics;

namespace Residency.Infra.Tests.Tools;

/// <summary>
/// The Bicep CLI, when one is on PATH. It is optional: where it exists the syntax tests also build and lint each
/// file with it; where it does not, nothing is reported as passed on its behalf (no test of its own exists).
/// </summary>
internal static class BicepCli
{
    private static readonly Lazy<string?> Location = new(FindOnPath);

    public static string? Path => Location.Value;

    /// <summary>Runs <c>bicep build</c> (or <c>build-params</c>) and <c>bicep lint</c>; returns the problems found, empty when clean.</summary>
    public static IReadOnlyList<string> BuildAndLint(string fullPath)
    {
        var cli = Path ?? throw new InvalidOperationException("No bicep CLI on PATH.");
        var problems = new List<string>();
        var build = fullPath.EndsWith(".bicepparam", StringComparison.Ordinal) ? "build-params" : "build";
        foreach (var command in new[] { build, "lint" })
        {
            var (exitCode, output) = Run(cli, command, fullPath);
            if (exitCode != 0 || output.Contains(": Error ", StringComparison.Ordinal))
            {
                problems.Add($"bicep {command} {fullPath} exited {exitCode}: {output}");
            }
        }

        return problems;
    }

    private static (int ExitCode, string Output) Run(string cli, string command, string file)
    {
        var start = new ProcessStartInfo(cli)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(command);
        start.ArgumentList.Add(file);
        if (command.StartsWith("build", StringComparison.Ordinal))
        {
            start.ArgumentList.Add("--stdout");
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return (process.ExitCode, command == "lint" ? stdout.Result + stderr.Result : stderr.Result);
    }

    private static string? FindOnPath()
    {
        var names = OperatingSystem.IsWindows() ? new[] { "bicep.exe", "bicep.cmd" } : ["bicep"];
        var path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        return path.Split(System.IO.Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .SelectMany(dir => names.Select(name => System.IO.Path.Combine(dir, name)))
            .FirstOrDefault(File.Exists);
    }
}
