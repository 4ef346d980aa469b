using System.CommandLine;
using Residency.Cli.Storage;

namespace Residency.Cli.Vehicle;

/// <summary>
/// <c>residency vehicle find (--vin VIN [--key-file FILE] | --vehicle-key HEX) (--connection-string S | --blob-endpoint URL
/// [--region R]) [--development] [--export DIR] [--delete --yes]</c>.
/// </summary>
internal static class VehicleFindCommand
{
    public static Command Create()
    {
        var vin = new Option<string?>("--vin") { Description = "The vehicle's VIN; its key is computed with --key-file (never printed back)." };
        var keyFile = new Option<FileInfo?>("--key-file") { Description = "Pseudonymization key as base64 for --vin (default: the public development key, with a warning)." };
        var vehicleKey = new Option<string?>("--vehicle-key") { Description = "The vehicle key (64 hex digits) instead of --vin." };
        var storage = new StorageTarget();
        var export = new Option<string?>("--export") { Description = "Write the vehicle's lines to DIR: one NDJSON file per level and manifest.json (access request)." };
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
        command.SetAction(async (parse, cancellationToken) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            if (VehicleArguments.RejectUnmatched(parse, error))
            {
                return VehicleExitCodes.Usage;
            }

            var wantsDelete = parse.GetValue(delete);
            if (wantsDelete != parse.GetValue(yes))
            {
                error.WriteLine(wantsDelete
                    ? "error: --delete removes data for good: add --yes to confirm. Nothing was deleted."
                    : "error: --yes only confirms --delete.");
                return VehicleExitCodes.Usage;
            }

            var key = ResolveVehicleKey(parse.GetValue(vin), parse.GetValue(keyFile), parse.GetValue(vehicleKey), error);
            if (key is null)
            {
                return VehicleExitCodes.Usage;
            }

            var (client, exitCode) = storage.Connect(parse, error);
            if (client is null)
            {
                return exitCode;
            }

            var exportDirectory = parse.GetValue(export);
            if (exportDirectory is { Length: 0 })
            {
                error.WriteLine("error: --export needs a folder.");
                return VehicleExitCodes.Usage;
            }

            return await new VehicleDataRequest(client, output, error).RunAsync(key, exportDirectory, wantsDelete, cancellationToken);
        });
        return command;
    }

    private static string? ResolveVehicleKey(string? vin, FileInfo? keyFile, string? vehicleKey, TextWriter error)
    {
        if ((vin is null) == (vehicleKey is null))
        {
            error.WriteLine("error: give exactly one of --vin or --vehicle-key.");
            return null;
        }

        if (vehicleKey is not null)
        {
            if (keyFile is not null)
            {
                error.WriteLine("error: --key-file goes with --vin, not with --vehicle-key.");
                return null;
            }

            return VehicleArguments.TryParseVehicleKey(vehicleKey, error);
        }

        var key = KeyFiles.TryLoad(keyFile, error);
        return key is null ? null : VehicleArguments.TryVehicleKey(vin, key, error);
    }
}
