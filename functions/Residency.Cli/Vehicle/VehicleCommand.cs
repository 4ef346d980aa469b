using System.CommandLine;

namespace Residency.Cli.Vehicle;

/// <summary>
/// <c>residency vehicle key|find</c>: answers PIPL access and deletion requests, which arrive with a VIN, against
/// storage that only knows the vehicle key (the HMAC of the VIN).
/// </summary>
internal static class VehicleCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("vehicle", "Find, export or delete everything stored for one vehicle (PIPL access and deletion requests).");
        command.Subcommands.Add(CreateKey());
        command.Subcommands.Add(VehicleFindCommand.Create(context));
        return command;
    }

    private static Command CreateKey()
    {
        var keyOption = new Option<FileInfo?>("--key-file") { Description = "File holding the pseudonymization key as base64 (default: the public development key, with a warning)." };
        var vin = new Argument<string>("vin") { Description = "The vehicle's VIN (17 characters, either case)." };
        var command = new Command("key", "Print the vehicle key (blob name part and 'vehicle' tag) of a VIN (exit 0, or 2 for a malformed VIN or unusable key file).")
        {
            keyOption,
            vin,
        };

        // Tokens System.CommandLine cannot place would be echoed in its error, and one of them may be the VIN.
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetGuardedAction(parse =>
        {
            VehicleArguments.RejectUnmatched(parse);
            var key = KeyFiles.Load(parse.GetValue(keyOption), parse.InvocationConfiguration.Error);
            parse.InvocationConfiguration.Output.WriteLine(VehicleArguments.VehicleKey(parse.GetValue(vin), key));
            return ExitCodes.Success;
        });
        return command;
    }
}
