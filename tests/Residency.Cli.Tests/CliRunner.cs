using System.CommandLine;

namespace Residency.Cli.Tests;

/// <summary>
/// Runs the residency command in-process the way the program does (<see cref="ResidencyCli.InvokeAsync"/>), with
/// captured writers and an environment of the test's own: nothing process-wide is changed.
/// </summary>
internal static class CliRunner
{
    public static (int ExitCode, string Output, string Error) Run(params string[] args) => RunAsync(args).GetAwaiter().GetResult();

    public static Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args) =>
        RunAsync(new Dictionary<string, string>(), args);

    /// <summary>Runs with these environment variables instead of the process's.</summary>
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exitCode = await ResidencyCli.InvokeAsync(args, CliContext.With(environment), new InvocationConfiguration { Output = output, Error = error });
        return (exitCode, output.ToString(), error.ToString());
    }
}
