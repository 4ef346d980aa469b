using Residency.Classification;

namespace Residency.Cli;

/// <summary>Loads the default policy or a policy file; an unusable file stops the verb (exit 3, every error listed).</summary>
internal static class PolicyFiles
{
    public static ClassificationPolicy Load(FileInfo? file)
    {
        if (file is null)
        {
            return ClassificationPolicy.Default;
        }

        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(file.FullName);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw CliException.Usage($"cannot read policy file {file.FullName}: {ex.Message}");
        }

        try
        {
            return ClassificationPolicy.Load(bytes);
        }
        catch (PolicyValidationException ex)
        {
            throw CliException.InvalidInput(
                $"policy {file.Name} is invalid ({ex.Errors.Count} error{(ex.Errors.Count == 1 ? string.Empty : "s")}):", ex.Errors);
        }
    }
}
