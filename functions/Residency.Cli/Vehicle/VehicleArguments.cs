using System.CommandLine;
using Residency.Classification;
using Residency.Storage;

namespace Residency.Cli.Vehicle;

/// <summary>Checks on the vehicle arguments whose errors must never repeat the VIN.</summary>
internal static class VehicleArguments
{
    /// <summary>Stops with a usage error that shows no token when the command line has arguments no option or argument took.</summary>
    public static void RejectUnmatched(ParseResult parse)
    {
        if (parse.UnmatchedTokens.Count > 0)
        {
            // Not shown: a stray token may be a VIN given without its option.
            throw CliException.Usage($"{parse.UnmatchedTokens.Count} unexpected argument(s) (not shown, they may hold a VIN); see --help.");
        }
    }

    /// <summary>The vehicle key of the VIN under the key; a malformed VIN is a usage error that does not show it.</summary>
    public static string VehicleKey(string? vin, PseudonymizationKey key)
    {
        try
        {
            return key.VehicleKey(vin?.Trim() ?? string.Empty);
        }
        catch (ArgumentException)
        {
            throw CliException.Usage("the VIN is not 17 characters of the VIN alphabet (A-Z without I, O, Q, and 0-9); it is not shown here.");
        }
    }

    /// <summary>A vehicle key given as hex (64 digits, either case) in the lowercase form blobs are tagged with.</summary>
    public static string ParseVehicleKey(string text)
    {
        var key = text.Trim().ToLowerInvariant();
        return key.Length == 64 && BlobLayout.IsValidVehicleKey(key)
            ? key
            : throw CliException.Usage("--vehicle-key must be the 64 hex digits printed by 'residency vehicle key' or 'residency classify'.");
    }
}
