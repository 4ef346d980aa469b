using System.CommandLine;
using Residency.Cli;

var root = new RootCommand("residency: classify vehicle uploads for China-resident storage and inspect the classification policy.");
root.Subcommands.Add(ClassifyCommand.Create());
root.Subcommands.Add(PolicyCommand.Create());
root.Subcommands.Add(SimulateCommand.Create());
root.Subcommands.Add(LocalRunCommand.Create());
return root.Parse(args).Invoke();
