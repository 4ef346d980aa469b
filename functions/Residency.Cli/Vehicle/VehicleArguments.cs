using System.CommandLine;
using Residency.Classification;
using Residency.Storage;

namespace Residency.Cli.Vehicle;

/// <summary>Checks on the vehicle arguments whose errors must never repeat the VIN.</summary>
internal static class VehicleArguments
{
    /// <summary>True (after a message that shows no token) when the command line has arguments no option or argument took.</summary>
    public static bool RejectUnmatched(ParseResult parse, TextWriter error)
    {
        if (parse.UnmatchedTokens.Count == 0)
        {
            return false;
        }

        // Not shown: a stray token may be a VIN given without its option.
        error.WriteLine($"error: {parse.UnmatchedTokens.Count} unexpected argument(s) (not shown, they may hold a VIN); see --help.");
        return true;
    }

    /// <summary>The vehicle key of the VIN under the key, or null after an error that does not show the VIN.</summary>
    public static string? TryVehicleKey(string? vin, PseudonymizationKey key, TextWriter error)
    {
        try
        {
            return key.VehicleKey(vin?.Trim() ?? string.Empty);
        }
        catch (ArgumentException)
        {
            error.WriteLine("error: the VIN is not 17 characters of the VIN alphabet (A-Z without I, O, Q, and 0-9); it is not shown here.");
            return null;
        }
    }

    /// <summary>A vehicle key given as hex (64 digits, either case) in the lowercase form blobs are tagged with, or null after an error.</summary>
    public static string? TryParseVehicleKey(string text, TextWriter error)
    {
        var key = text.Trim().ToLowerInvariant();
        if (key.Length != 64 || !BlobLayout.IsValidVehicleKey(key))
        {
            error.WriteLine("error: --vehicle-key must be the 64 hex digits printed by 'residency vehicle key' or 'residency classify'.");
            return null;
        }

        return key;
    }
}
