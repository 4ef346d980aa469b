using Residency.Cli;

return ResidencyRoot.Create().Parse(args).Invoke();
