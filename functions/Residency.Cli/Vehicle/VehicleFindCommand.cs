using System.CommandLine;

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
        var connectionString = new Option<string?>("--connection-string") { Description = $"Storage connection string (Shared Key); default: the {VehicleStorage.ConnectionStringVariable} environment variable." };
        var blobEndpoint = new Option<string?>("--blob-endpoint") { Description = "Blob endpoint, e.g. https://<account>.blob.core.chinacloudapi.cn, reached with Entra ID (DefaultAzureCredential, China authority)." };
        var region = new Option<string>("--region") { Description = "Region of the account, checked by the RegionGuard.", DefaultValueFactory = _ => "chinanorth3" };
        var development = new Option<bool>("--development") { Description = "Allow a loopback endpoint (Azurite); without it only Azure China endpoints are accepted." };
        var export = new Option<string?>("--export") { Description = "Download every blob found to DIR/<container>/<name> (access request)." };
        var delete = new Option<bool>("--delete") { Description = "Delete every blob found, except the audit ledger (deletion request); needs --yes." };
        var yes = new Option<bool>("--yes") { Description = "Confirm --delete." };

        var command = new Command("find", "List every blob tagged with a vehicle's key in all containers; optionally export or delete them (exit 0 ok, 1 failure, 2 usage).");
        foreach (var option in new Option[] { vin, keyFile, vehicleKey, connectionString, blobEndpoint, region, development, export, delete, yes })
        {
            command.Options.Add(option);
        }

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

            var target = new VehicleStorage.Target(
                parse.GetValue(connectionString), parse.GetValue(blobEndpoint), parse.GetValue(region)!, parse.GetValue(development));
            var (client, exitCode) = VehicleStorage.Connect(target, error);
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

            return await new VehicleBlobRequest(client, output, error).RunAsync(key, exportDirectory, wantsDelete, cancellationToken);
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
