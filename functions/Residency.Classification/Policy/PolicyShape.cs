using System.Text.Json;

namespace Residency.Classification.Policy;

/// <summary>
/// The structure a policy document may have: every object's allowed properties, checked everywhere (rules, actions,
/// conditions, geofences and their shapes), and no property twice in one object (JSON readers keep one of the two silently).
/// Each error names the JSON path, and the rule or geofence it belongs to, so a typo cannot silently weaken a policy.
/// </summary>
internal static class PolicyShape
{
    private sealed record Shape(string[] Allowed, Func<string, Shape?> Child, Func<Shape?>? Items = null);

    private static readonly Shape Point = new(["lat", "lon"], _ => null);
    private static readonly Shape Box = new(["south", "west", "north", "east"], _ => null);
    private static readonly Shape Geofence = new(["id", "name", "datum", "boundingBox", "polygon"], name => name switch
    {
        "boundingBox" => Box,
        "polygon" => new Shape([], _ => null, () => Point),
        _ => null,
    });

    private static readonly Shape Action = new(["type", "grid", "truncate", "keepFirst", "keepLast", "keepFrom"], _ => null);
    private static readonly Shape Condition = new(["field", "in", "greaterThan", "missing"], _ => null);
    private static readonly Shape Rule = new(["id", "path", "detector", "level", "category", "action", "reference", "when", "note"], name => name switch
    {
        "action" => Action,
        "when" => Condition,
        _ => null,
    });

    private static readonly Shape Root = new(["id", "version", "schema", "description", "positions", "fallback", "geofences", "rules"], name => name switch
    {
        "positions" => new Shape(["latitude", "longitude"], _ => null),
        "fallback" => Rule,
        "geofences" => new Shape([], _ => null, () => Geofence),
        "rules" => new Shape([], _ => null, () => Rule),
        _ => null,
    });

    /// <summary>Adds an error for every duplicate key and every property the policy format does not have.</summary>
    public static void Check(JsonElement root, List<string> errors) => Visit(root, "$", Root, null, errors);

    private static void Visit(JsonElement element, string path, Shape? shape, string? owner, List<string> errors)
    {
        if (element.ValueKind == JsonValueKind.Array)
        {
            var index = 0;
            foreach (var item in element.EnumerateArray())
            {
                Visit(item, $"{path}[{index++}]", shape?.Items?.Invoke(), owner, errors);
            }

            return;
        }

        if (element.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        owner = OwnerOf(element, path) ?? owner;
        var where = owner is null ? path : $"{path} ({owner})";

        // A condition is either a combination (exactly one of any/all, holding conditions) or a test of one field.
        if (ReferenceEquals(shape, Condition) && (element.TryGetProperty("any", out _) || element.TryGetProperty("all", out _)))
        {
            var combinator = element.TryGetProperty("any", out _) ? "any" : "all";
            shape = new Shape([combinator], name => name == combinator ? new Shape([], _ => null, () => Condition) : null);
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject())
        {
            var childPath = ChildPath(path, property.Name);
            if (!seen.Add(property.Name))
            {
                errors.Add($"{where}: property '{property.Name}' appears more than once (a JSON reader would keep only one of them).");
            }
            else if (shape is not null && Array.IndexOf(shape.Allowed, property.Name) < 0)
            {
                errors.Add($"{where}: unknown property '{property.Name}' (allowed: {string.Join(", ", shape.Allowed)}).");
            }

            // Unknown subtrees are still searched for duplicate keys.
            Visit(property.Value, childPath, shape?.Child(property.Name), owner, errors);
        }
    }

    /// <summary>"rule 'x'", "fallback rule 'x'" or "geofence 'x'" for the objects that carry an id, so errors say whose they are.</summary>
    private static string? OwnerOf(JsonElement element, string path)
    {
        if (!element.TryGetProperty("id", out var id) || id.ValueKind != JsonValueKind.String)
        {
            return null;
        }

        return path switch
        {
            "$.fallback" => $"fallback rule '{id.GetString()}'",
            _ when path.StartsWith("$.rules[", StringComparison.Ordinal) && path.EndsWith(']') && path.IndexOf('.', 2) < 0 => $"rule '{id.GetString()}'",
            _ when path.StartsWith("$.geofences[", StringComparison.Ordinal) && path.EndsWith(']') && path.IndexOf('.', 2) < 0 => $"geofence '{id.GetString()}'",
            _ => null,
        };
    }

    private static string ChildPath(string parent, string name)
    {
        var plain = name.Length > 0 && (char.IsAsciiLetter(name[0]) || name[0] == '_') && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-');
        return plain ? $"{parent}.{name}" : $"{parent}[\"{JsonEncodedText.Encode(name)}\"]";
    }
}
