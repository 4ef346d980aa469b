using System.CommandLine;
using Residency.Cli.Audit;
using Residency.Cli.Bench;
using Residency.Cli.Soak;
using Residency.Cli.Vehicle;

namespace Residency.Cli;

/// <summary>The <c>residency</c> command with every verb; the program and the tests build it the same way.</summary>
internal static class ResidencyRoot
{
    public static RootCommand Create()
    {
        var root = new RootCommand("residency: classify vehicle uploads for China-resident storage, inspect the classification policy, find, export or delete one vehicle's data, and verify the audit ledger.");
        root.Subcommands.Add(ClassifyCommand.Create());
        root.Subcommands.Add(PolicyCommand.Create());
        root.Subcommands.Add(SimulateCommand.Create());
        root.Subcommands.Add(LocalRunCommand.Create());
        root.Subcommands.Add(VehicleCommand.Create());
        root.Subcommands.Add(AuditCommand.Create());
        root.Subcommands.Add(BenchCommand.Create());
        root.Subcommands.Add(SoakCommand.Create());
        return root;
    }
}
