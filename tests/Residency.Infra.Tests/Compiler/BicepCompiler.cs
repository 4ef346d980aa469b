using System.Diagnostics;

namespace Residency.Infra.Tests.Compiler;

/// <summary>Runs the pinned Bicep CLI (found once per test run, its version checked against the pin).</summary>
internal static class BicepCompiler
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);
    private static readonly Lazy<string> Executable = new(FindAndVerify);

    /// <summary>The compiler's path; throws, naming BICEP_PATH, when there is none or it is not the pinned version.</summary>
    public static string Path => Executable.Value;

    public static CompilerRun Run(params string[] arguments) => Execute(Executable.Value, arguments);

    private static CompilerRun Execute(string executable, IReadOnlyList<string> arguments)
    {
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{executable} did not start.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(Timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"bicep {string.Join(' ', arguments)} did not finish within {Timeout}.");
        }

        var command = $"bicep {string.Join(' ', arguments)}";
        return new CompilerRun(command, process.ExitCode, stdout.Result, stderr.Result, Diagnostic.Parse(stderr.Result + "\n" + stdout.Result));
    }

    private static string FindAndVerify()
    {
        var executable = CompilerLocation.Find();
        if (!OperatingSystem.IsWindows() && (File.GetUnixFileMode(executable) & UnixFileMode.UserExecute) == 0)
        {
            throw new InvalidOperationException($"{executable} is not executable (the build sets it; or chmod +x it).");
        }

        var version = Execute(executable, ["--version"]).Stdout.Trim();
        return version.Contains($" {CompilerLocation.PinnedVersion} ", StringComparison.Ordinal)
            ? executable
            : throw new InvalidOperationException(
                $"{executable} reports '{version}', but the project pins Bicep {CompilerLocation.PinnedVersion} " +
                $"(Directory.Packages.props); point {CompilerLocation.PathVariable} at that version.");
    }
}

/// <summary>One CLI run: exit code, output, and the diagnostics it printed.</summary>
internal sealed record CompilerRun(string Command, int ExitCode, string Stdout, string Stderr, IReadOnlyList<Diagnostic> Diagnostics)
{
    /// <summary>Warnings count as errors: clean means exit 0 and no Error or Warning diagnostic.</summary>
    public bool IsClean => ExitCode == 0 && !Diagnostics.Any(d => d.Level is "Error" or "Warning");

    public IEnumerable<Diagnostic> In(string file) => Diagnostics.Where(d => d.File == System.IO.Path.GetFullPath(file));

    /// <summary>What a failed assertion shows: the command, its exit code and the compiler's own diagnostics.</summary>
    public string Report() =>
        $"{Command} exited {ExitCode}{Environment.NewLine}" +
        (Diagnostics.Count > 0 ? string.Join(Environment.NewLine, Diagnostics) : Stderr.Trim());
}
