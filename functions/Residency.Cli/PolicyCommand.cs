using System.CommandLine;

namespace Residency.Cli;

/// <summary><c>residency policy validate FILE</c> and <c>residency policy show [--policy FILE]</c>.</summary>
internal static class PolicyCommand
{
    public static Command Create()
    {
        var command = new Command("policy", "Validate a classification policy or show the effective rules.");
        command.Subcommands.Add(CreateValidate());
        command.Subcommands.Add(CreateShow());
        return command;
    }

    private static Command CreateValidate()
    {
        var file = new Argument<FileInfo>("file") { Description = "The policy JSON file." };
        var validate = new Command("validate", "Check a policy file; exit 0 when valid, 3 with every error when not.") { file };
        validate.SetGuardedAction(parse =>
        {
            var policy = PolicyFiles.Load(parse.GetValue(file));
            parse.InvocationConfiguration.Output.WriteLine(
                $"valid: policy {policy.Id} version {policy.Version}, {policy.Rules.Count} rules, {policy.Geofences.Count} geofences, sha256 {policy.Sha256}");
            return ExitCodes.Success;
        });
        return validate;
    }

    private static Command CreateShow()
    {
        var policyOption = new Option<FileInfo?>("--policy") { Description = "Policy JSON file (default: the embedded cn-auto policy)." };
        var show = new Command("show", "Print the effective rules as a table (exit 3 for an invalid policy).") { policyOption };
        show.SetGuardedAction(parse =>
        {
            PolicyTable.Write(PolicyFiles.Load(parse.GetValue(policyOption)), parse.InvocationConfiguration.Output);
            return ExitCodes.Success;
        });
        return show;
    }
}
