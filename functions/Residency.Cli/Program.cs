using System.CommandLine;
using Residency.Cli;
using Residency.Cli.Vehicle;

var root = new RootCommand("residency: classify vehicle uploads for China-resident storage, inspect the classification policy, and find, export or delete one vehicle's data.");
root.Subcommands.Add(ClassifyCommand.Create());
root.Subcommands.Add(PolicyCommand.Create());
root.Subcommands.Add(SimulateCommand.Create());
root.Subcommands.Add(LocalRunCommand.Create());
root.Subcommands.Add(VehicleCommand.Create());
return root.Parse(args).Invoke();
