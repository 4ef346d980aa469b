using System.CommandLine;
using Residency.Cli.Storage;

namespace Residency.Cli.Vehicle;

/// <summary>
/// <c>residency vehicle find (--vin VIN [--key-file FILE] | --vehicle-key HEX) (--connection-string S | --blob-endpoint URL
/// [--region R]) [--development] [--export DIR] [--delete --yes]</c>.
/// </summary>
internal static class VehicleFindCommand
{
    public static Command Create(CliContext context)
    {
        var vin = new Option<string?>("--vin") { Description = "The vehicle's VIN; its key is computed with --key-file (never printed back)." };
        var keyFile = new Option<FileInfo?>("--key-file") { Description = "Pseudonymization key as base64 for --vin (default: the public development key, with a warning)." };
        var vehicleKey = new Option<string?>("--vehicle-key") { Description = "The vehicle key (64 hex digits) instead of --vin." };
        var storage = new StorageTarget(context);
        var export = new Option<DirectoryInfo?>("--export") { Description = "Write the vehicle's lines to DIR: one NDJSON file per level and manifest.json (access request)." };
        var delete = new Option<bool>("--delete") { Description = "Rewrite every blob holding the vehicle's lines without them, delete earlier versions and index markers, write a receipt (deletion request); needs --yes." };
        var yes = new Option<bool>("--yes") { Description = "Confirm --delete." };

        var command = new Command("find", "Find a vehicle's lines through the vehicle index and the blobs' Bloom filters; optionally export or delete them (exit 0 ok, 1 failure, 2 usage).");
        foreach (var option in new Option[] { vin, keyFile, vehicleKey })
        {
            command.Options.Add(option);
        }

        storage.AddTo(command);
        command.Options.Add(export);
        command.Options.Add(delete);
        command.Options.Add(yes);

        // Tokens System.CommandLine cannot place would be echoed in its error, and one of them may be the VIN.
        command.TreatUnmatchedTokensAsErrors = false;
        command.Validators.Add(result =>
        {
            if (result.GetValue(delete) != result.GetValue(yes))
            {
                result.AddError(result.GetValue(delete)
                    ? "--delete removes data for good: add --yes to confirm. Nothing was deleted."
                    : "--yes only confirms --delete.");
            }

            if ((result.GetValue(vin) is null) == (result.GetValue(vehicleKey) is null))
            {
                result.AddError("give exactly one of --vin or --vehicle-key.");
            }
            else if (result.GetValue(vehicleKey) is not null && result.GetValue(keyFile) is not null)
            {
                result.AddError("--key-file goes with --vin, not with --vehicle-key.");
            }
        });
        command.SetGuardedAction((parse, cancellationToken) =>
        {
            VehicleArguments.RejectUnmatched(parse);
            var key = parse.GetValue(vehicleKey) is { } hex
                ? VehicleArguments.ParseVehicleKey(hex)
                : VehicleArguments.VehicleKey(parse.GetValue(vin), KeyFiles.Load(parse.GetValue(keyFile), parse.InvocationConfiguration.Error));
            var client = storage.Connect(parse);
            return new VehicleDataRequest(client, parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error, context.Time)
                .RunAsync(key, parse.GetValue(export)?.FullName, parse.GetValue(delete), cancellationToken);
        });
        return command;
    }
}
