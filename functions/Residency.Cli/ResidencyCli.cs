using System.CommandLine;
using System.CommandLine.Invocation;
using System.CommandLine.Parsing;
using Residency.Cli.Audit;
using Residency.Cli.Bench;
using Residency.Cli.Soak;
using Residency.Cli.Vehicle;

namespace Residency.Cli;

/// <summary>The <c>residency</c> command with every verb; the program and the tests run it the same way.</summary>
internal static class ResidencyCli
{
    public static RootCommand Create(CliContext context)
    {
        var root = new RootCommand("residency: classify vehicle uploads for China-resident storage, inspect the classification policy, simulate a fleet, run the " +
            "pipeline locally, find, export or delete one vehicle's data, and verify the audit ledger.");
        root.Subcommands.Add(ClassifyCommand.Create());
        root.Subcommands.Add(PolicyCommand.Create());
        root.Subcommands.Add(SimulateCommand.Create(context));
        root.Subcommands.Add(LocalRunCommand.Create(context));
        root.Subcommands.Add(VehicleCommand.Create(context));
        root.Subcommands.Add(AuditCommand.Create(context));
        root.Subcommands.Add(Report.ReportCommand.Create(context));
        root.Subcommands.Add(BenchCommand.Create(context));
        root.Subcommands.Add(SoakCommand.Create(context));
        return root;
    }

    /// <summary>Parses and runs; a parse error is a usage error (exit 2) for every verb.</summary>
    public static async Task<int> InvokeAsync(string[] args, CliContext context, InvocationConfiguration? configuration = null)
    {
        var parse = Create(context).Parse(args);
        if (parse.Action is ParseErrorAction)
        {
            // The parse-error action of every verb: the errors in the one error format, and the usage exit code.
            var error = configuration?.Error ?? Console.Error;
            foreach (var problem in parse.Errors)
            {
                await error.WriteLineAsync(CliFailures.Error(problem.Message));
            }

            await error.WriteLineAsync($"see: {VerbOf(parse)} --help");
            return ExitCodes.Usage;
        }

        return await parse.InvokeAsync(configuration);
    }

    // "residency vehicle find", whatever the executable is called.
    private static string VerbOf(ParseResult parse)
    {
        var names = new List<string>();
        for (var result = parse.CommandResult; result.Command is not RootCommand; result = (CommandResult)result.Parent!)
        {
            names.Insert(0, result.Command.Name);
        }

        return string.Join(' ', names.Prepend("residency"));
    }
}
