using System.CommandLine;

namespace Residency.Cli.Tests;

/// <summary>Runs the residency command in-process through System.CommandLine's Parse/Invoke with captured writers.</summary>
internal static class CliRunner
{
    public static (int ExitCode, string Output, string Error) Run(params string[] args)
    {
        var root = new RootCommand("residency (test)");
        root.Subcommands.Add(ClassifyCommand.Create());
        root.Subcommands.Add(PolicyCommand.Create());
        var output = new StringWriter();
        var error = new StringWriter();
        var exitCode = root.Parse(args).Invoke(new InvocationConfiguration { Output = output, Error = error });
        return (exitCode, output.ToString(), error.ToString());
    }
}
