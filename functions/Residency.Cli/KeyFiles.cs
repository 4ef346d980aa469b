using System.Security.Cryptography;
using Residency.Classification;

namespace Residency.Cli;

/// <summary>Reads the pseudonymization key (base64 in a file); without a file, the public development key with a warning.</summary>
internal static class KeyFiles
{
    /// <summary>Returns the key, or null after writing why the key file cannot be used.</summary>
    public static PseudonymizationKey? TryLoad(FileInfo? file, TextWriter error)
    {
        if (file is null)
        {
            error.WriteLine("warning: no --key-file given; using the public development key (pseudonyms are not secret). Do not use this for real data.");
            return PseudonymizationKey.Development;
        }

        byte[] key;
        try
        {
            key = Convert.FromBase64String(File.ReadAllText(file.FullName).Trim());
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"error: cannot read key file {file.FullName}: {ex.Message}");
            return null;
        }
        catch (FormatException)
        {
            error.WriteLine($"error: key file {file.FullName} must hold the key as base64.");
            return null;
        }

        if (key.Length < 32)
        {
            error.WriteLine($"error: key file {file.FullName} holds {key.Length} bytes; a key needs at least 32.");
            return null;
        }

        // The id names the key without revealing it: a short fingerprint of its SHA-256.
        var keyId = "key-" + Convert.ToHexStringLower(SHA256.HashData(key))[..12];
        return new PseudonymizationKey(keyId, key);
    }
}
