namespace Residency.Storage;

/// <summary>Blob index tag rules: at most 10 tags; values of letters, digits, space and <c>+ - . : = _ /</c>, at most 256 characters.</summary>
public static class BlobTags
{
    /// <summary>The most tags one blob may carry.</summary>
    public const int MaxCount = 10;

    /// <summary>The longest tag value.</summary>
    public const int MaxValueLength = 256;

    /// <summary>True when <paramref name="value"/> is 0-256 characters of the tag character set.</summary>
    public static bool IsValidValue(string? value) =>
        value is { Length: <= MaxValueLength } && value.All(IsTagChar);

    private static bool IsTagChar(char c) =>
        char.IsAsciiLetterOrDigit(c) || c is ' ' or '+' or '-' or '.' or ':' or '=' or '_' or '/';
}
