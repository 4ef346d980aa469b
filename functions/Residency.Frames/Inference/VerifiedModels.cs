using System.Security.Cryptography;

namespace Residency.Frames.Inference;

/// <summary>Reads model files and checks each against its pinned SHA-256; the verified bytes are what gets loaded, so the file
/// cannot change between the check and the load.</summary>
internal static class VerifiedModels
{
    public static byte[] Read(string directory, ModelFile model)
    {
        var path = Path.Combine(directory, model.FileName);
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ModelIntegrityException($"The frame model file {path} could not be read ({e.GetType().Name}); it is installed by the build from functions/Residency.Frames/models.", e);
        }

        var actual = Convert.ToHexStringLower(SHA256.HashData(bytes));
        if (!string.Equals(actual, model.Sha256, StringComparison.Ordinal))
        {
            throw new ModelIntegrityException(
                $"The frame model file {path} is not the pinned one: its SHA-256 is {actual}, expected {model.Sha256}. Refusing to load it.");
        }

        return bytes;
    }
}
