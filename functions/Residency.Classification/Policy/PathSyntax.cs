namespace Residency.Classification.Policy;

/// <summary>The rule path grammar: <c>$</c> followed by <c>.name</c> ([A-Za-z0-9_-]) and <c>[*]</c> segments.</summary>
internal static class PathSyntax
{
    public const string ArrayElement = "[*]";

    public static bool TryParse(string path, out List<string> segments, out string error)
    {
        segments = [];
        error = string.Empty;
        if (!path.StartsWith('$'))
        {
            error = "must start with '$'";
            return false;
        }

        var i = 1;
        while (i < path.Length)
        {
            if (path[i] == '.')
            {
                var start = ++i;
                while (i < path.Length && IsNameChar(path[i]))
                {
                    i++;
                }

                if (i == start)
                {
                    error = $"has an empty or invalid property name at character {start + 1} (names use A-Z, a-z, 0-9, '_' and '-')";
                    return false;
                }

                segments.Add(path[start..i]);
            }
            else if (string.CompareOrdinal(path, i, ArrayElement, 0, 3) == 0)
            {
                segments.Add(ArrayElement);
                i += 3;
            }
            else
            {
                error = $"has an unexpected character at position {i + 1} (use '.name' and '[*]' segments)";
                return false;
            }
        }

        if (segments.Count == 0)
        {
            error = "must name a field below '$'";
            return false;
        }

        return true;
    }

    private static bool IsNameChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '_' or '-';
}
