using System.Text;

namespace Residency.Storage;

/// <summary>Blob index tag rules (at most 10 tags; letters, digits, space and <c>+ - . : = _ /</c>) and filter building.</summary>
public static class BlobTags
{
    /// <summary>The most tags one blob may carry.</summary>
    public const int MaxCount = 10;

    /// <summary>The longest tag key.</summary>
    public const int MaxKeyLength = 128;

    /// <summary>The longest tag value.</summary>
    public const int MaxValueLength = 256;

    /// <summary>True when <paramref name="key"/> is 1-128 characters of the tag character set.</summary>
    public static bool IsValidKey(string? key) =>
        key is { Length: > 0 and <= MaxKeyLength } && key.All(IsTagChar);

    /// <summary>True when <paramref name="value"/> is 0-256 characters of the tag character set.</summary>
    public static bool IsValidValue(string? value) =>
        value is { Length: <= MaxValueLength } && value.All(IsTagChar);

    /// <summary>Throws <see cref="ArgumentException"/> naming the tag (never its value) when the set breaks a rule.</summary>
    public static void Validate(IReadOnlyDictionary<string, string> tags)
    {
        ArgumentNullException.ThrowIfNull(tags);
        if (tags.Count > MaxCount)
        {
            throw new ArgumentException($"A blob may carry at most {MaxCount} index tags, not {tags.Count}.", nameof(tags));
        }

        foreach (var (key, value) in tags)
        {
            if (!IsValidKey(key))
            {
                throw new ArgumentException("A blob index tag key is empty, too long or has a character outside letters, digits, space and + - . : = _ /.", nameof(tags));
            }

            if (!IsValidValue(value))
            {
                throw new ArgumentException($"The value of blob index tag '{key}' is too long or has a character outside letters, digits, space and + - . : = _ /.", nameof(tags));
            }
        }
    }

    /// <summary>
    /// A Find Blobs by Tags expression that ANDs equality on each pair, e.g. <c>"vehicle"='ab12' AND "level"='personal'</c>.
    /// The rules above exclude quotes, so validated values need no escaping.
    /// </summary>
    public static string WhereEquals(params (string Key, string Value)[] conditions)
    {
        ArgumentNullException.ThrowIfNull(conditions);
        if (conditions.Length == 0)
        {
            throw new ArgumentException("A tag filter needs at least one condition.", nameof(conditions));
        }

        var sb = new StringBuilder();
        foreach (var (key, value) in conditions)
        {
            if (!IsValidKey(key) || !IsValidValue(value))
            {
                throw new ArgumentException("A tag filter condition has a key or value outside the tag character set.", nameof(conditions));
            }

            if (sb.Length > 0)
            {
                sb.Append(" AND ");
            }

            sb.Append('"').Append(key).Append("\"='").Append(value).Append('\'');
        }

        return sb.ToString();
    }

    private static bool IsTagChar(char c) =>
        char.IsAsciiLetterOrDigit(c) || c is ' ' or '+' or '-' or '.' or ':' or '=' or '_' or '/';
}
