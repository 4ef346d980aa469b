using System.CommandLine;
using Residency.Cli;
using Residency.Cli.Audit;
using Residency.Cli.Vehicle;

var root = new RootCommand("residency: classify vehicle uploads for China-resident storage, inspect the classification policy, find, export or delete one vehicle's data, and verify the audit ledger.");
root.Subcommands.Add(ClassifyCommand.Create());
root.Subcommands.Add(PolicyCommand.Create());
root.Subcommands.Add(SimulateCommand.Create());
root.Subcommands.Add(LocalRunCommand.Create());
root.Subcommands.Add(VehicleCommand.Create());
root.Subcommands.Add(AuditCommand.Create());
return root.Parse(args).Invoke();
