return await Residency.Cli.ResidencyCli.InvokeAsync(args, Residency.Cli.CliContext.Process);
