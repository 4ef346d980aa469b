using System.Security.Cryptography;
using Residency.Classification;

namespace Residency.Cli;

/// <summary>Reads the pseudonymization key (base64 in a file); without a file, the public development key with a warning.</summary>
internal static class KeyFiles
{
    /// <summary>The key; an unusable key file is a usage error (exit 2).</summary>
    public static PseudonymizationKey Load(FileInfo? file, TextWriter error)
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
            throw CliException.Usage($"cannot read key file {file.FullName}: {ex.Message}");
        }
        catch (FormatException)
        {
            throw CliException.Usage($"key file {file.FullName} must hold the key as base64.");
        }

        if (key.Length < 32)
        {
            throw CliException.Usage($"key file {file.FullName} holds {key.Length} bytes; a key needs at least 32.");
        }

        // The id names the key without revealing it: a short fingerprint of its SHA-256.
        var keyId = "key-" + Convert.ToHexStringLower(SHA256.HashData(key))[..12];
        return new PseudonymizationKey(keyId, key);
    }
}
