using Residency.Classification;

namespace Residency.Cli;

/// <summary>Loads the default policy or a policy file, reporting every validation error on stderr.</summary>
internal static class PolicyFiles
{
    /// <summary>Returns the policy, or null after writing why it cannot be used (exit code 3).</summary>
    public static ClassificationPolicy? TryLoad(FileInfo? file, TextWriter error)
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
            error.WriteLine($"error: cannot read policy file {file.FullName}: {ex.Message}");
            return null;
        }

        try
        {
            return ClassificationPolicy.Load(bytes);
        }
        catch (PolicyValidationException ex)
        {
            error.WriteLine($"error: policy {file.Name} is invalid ({ex.Errors.Count} error{(ex.Errors.Count == 1 ? string.Empty : "s")}):");
            foreach (var message in ex.Errors)
            {
                error.WriteLine($"  - {message}");
            }

            return null;
        }
    }
}
