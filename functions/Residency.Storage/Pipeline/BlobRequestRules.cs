namespace Residency.Storage.Pipeline;

/// <summary>Checks names and metadata before a request is built, so the service never sees a malformed one.</summary>
internal static class BlobRequestRules
{
    public static void EnsureContainerName(string containerName)
    {
        // 3-63 lowercase letters, digits and single hyphens: the service rule, checked before a request is built.
        if (containerName.Length is < 3 or > 63 || !containerName.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-') ||
            containerName[0] == '-' || containerName[^1] == '-' || containerName.Contains("--", StringComparison.Ordinal))
        {
            throw new ArgumentException("A container name is 3-63 lowercase letters, digits and single hyphens.", nameof(containerName));
        }
    }

    public static void EnsureBlobName(string blobName)
    {
        ArgumentException.ThrowIfNullOrEmpty(blobName);
        if (blobName.Length > 1024 || blobName.Split('/').Any(segment => segment.Length == 0 || segment is "." or ".."))
        {
            throw new ArgumentException("A blob name is 1-1024 characters without empty, '.' or '..' segments.", nameof(blobName));
        }
    }

    public static void EnsureMetadata(string name, string value)
    {
        if (name.Length == 0 || !(char.IsAsciiLetter(name[0]) || name[0] == '_') || !name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
        {
            throw new ArgumentException("A metadata name must be a C# identifier of ASCII letters, digits and underscores.", nameof(name));
        }

        if (!value.All(c => c is >= ' ' and <= '~'))
        {
            throw new ArgumentException($"Metadata '{name}' must hold printable ASCII only.", nameof(value));
        }
    }
}
