using System.Text.Json;

namespace Residency.Infra.Tests.Checks;

/// <summary>
/// The disallowed and excluded hosts of the <c>no-hardcoded-env-urls</c> rule in infra/bicepconfig.json, so these
/// tests and the Bicep linter judge host names by the same list. Matching follows the linter: a host matches
/// where it is not glued to a letter or digit on either side, and an excluded host that covers the match wins.
/// </summary>
internal sealed class HostPolicy
{
    private HostPolicy(IReadOnlyList<string> disallowed, IReadOnlyList<string> excluded)
    {
        Disallowed = disallowed;
        Excluded = excluded;
    }

    public IReadOnlyList<string> Disallowed { get; }

    public IReadOnlyList<string> Excluded { get; }

    public static HostPolicy Load(string bicepConfigPath)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(bicepConfigPath), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
        var rule = json.RootElement.GetProperty("analyzers").GetProperty("core").GetProperty("rules").GetProperty("no-hardcoded-env-urls");
        return new HostPolicy(ReadList(rule, "disallowedhosts"), ReadList(rule, "excludedhosts"));
    }

    /// <summary>The disallowed hosts found in a text, each once.</summary>
    public IReadOnlyList<string> FindDisallowed(string text)
    {
        var found = new List<string>();
        foreach (var host in Disallowed)
        {
            foreach (var (start, length) in Matches(host, text))
            {
                var excluded = Excluded.Any(e => Matches(e, text).Any(m => m.Start <= start && m.Start + m.Length >= start + length));
                if (!excluded && !found.Contains(host))
                {
                    found.Add(host);
                }
            }
        }

        return found;
    }

    private static IEnumerable<(int Start, int Length)> Matches(string host, string text)
    {
        for (var index = text.IndexOf(host, StringComparison.OrdinalIgnoreCase); index >= 0;
             index = text.IndexOf(host, index + 1, StringComparison.OrdinalIgnoreCase))
        {
            var gluedBefore = index > 0 && char.IsLetterOrDigit(text[index - 1]);
            var end = index + host.Length;
            var gluedAfter = end < text.Length && char.IsLetterOrDigit(text[end]);
            if (!gluedBefore && !gluedAfter)
            {
                yield return (index, host.Length);
            }
        }
    }

    private static List<string> ReadList(JsonElement rule, string name)
    {
        foreach (var property in rule.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return property.Value.EnumerateArray().Select(e => e.GetString()!).ToList();
            }
        }

        return [];
    }
}
