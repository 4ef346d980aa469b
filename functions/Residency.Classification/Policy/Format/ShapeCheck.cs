using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Residency.Classification.Policy.Format;

/// <summary>
/// Checks a parsed policy against the model's source-generated metadata, so the format stays described once, by the model
/// classes. Strict deserialization would stop at the first problem; this walk reports them all: every unknown or duplicate
/// property (duplicates also inside unknown values: a JSON reader keeps one of them silently), missing required property,
/// wrong JSON type and unknown name, each with its JSON path and the rule or geofence it belongs to.
/// </summary>
internal sealed class ShapeCheck
{
    private readonly JsonSerializerOptions _options = PolicyJsonContext.Default.Options;
    private readonly List<string> _errors = [];

    public static List<string> Run(JsonElement root)
    {
        var check = new ShapeCheck();
        check.Visit(root, check._options.GetTypeInfo(typeof(PolicyDocument)), null, "$", null, null);
        return check._errors;
    }

    /// <summary>Checks a value against what the model expects there (<paramref name="info"/>; null inside values the model does
    /// not describe); <paramref name="name"/> is its property or item (<c>polygon[2]</c>), null for the document.</summary>
    private void Visit(JsonElement value, JsonTypeInfo? info, JsonPropertyInfo? property, string path, string? name, string? owner)
    {
        if ((property?.CustomConverter ?? info?.Converter) is IFormSelector forms)
        {
            info = _options.GetTypeInfo(forms.FormOf(value));
        }

        if (info is { Kind: JsonTypeInfoKind.None })
        {
            CheckValue(value, info, path, name, owner, property?.IsRequired == true);
            info = null; // below a value, only duplicate keys are searched for
        }
        else if (info is not null && value.ValueKind != (info.Kind == JsonTypeInfoKind.Object ? JsonValueKind.Object : JsonValueKind.Array))
        {
            AddTypeError(info, path, name, owner);
            return;
        }

        if (value.ValueKind == JsonValueKind.Array)
        {
            var index = 0;
            var items = info?.ElementType is { } type ? _options.GetTypeInfo(type) : null;
            foreach (var item in value.EnumerateArray())
            {
                Visit(item, items, null, $"{path}[{index}]", $"{name}[{index}]", owner);
                index++;
            }
        }
        else if (value.ValueKind == JsonValueKind.Object)
        {
            VisitObject(value, info, path, owner);
        }
    }

    private void VisitObject(JsonElement value, JsonTypeInfo? info, string path, string? owner)
    {
        owner = OwnerOf(value, info, path) ?? owner;
        var where = owner is null ? path : $"{path} ({owner})";
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var member in value.EnumerateObject())
        {
            var property = info?.Properties.FirstOrDefault(p => p.Name == member.Name);
            if (!seen.Add(member.Name))
            {
                _errors.Add($"{where}: property '{member.Name}' appears more than once (a JSON reader would keep only one of them).");
            }
            else if (info is not null && property is null)
            {
                _errors.Add($"{where}: unknown property '{member.Name}' (allowed: {string.Join(", ", info.Properties.Select(p => p.Name))}).");
            }

            var child = property is null ? null : _options.GetTypeInfo(property.PropertyType);
            Visit(member.Value, child, property, ChildPath(path, member.Name), member.Name, owner);
        }

        foreach (var missing in info?.Properties.Where(p => p.IsRequired && !value.TryGetProperty(p.Name, out _)) ?? [])
        {
            _errors.Add($"{owner ?? "the policy"}: '{missing.Name}' is required (at {path}).");
        }
    }

    /// <summary>A string, number or name: what the model's own converter accepts (names exactly as written; a required text
    /// not empty).</summary>
    private void CheckValue(JsonElement value, JsonTypeInfo info, string path, string? name, string? owner, bool required)
    {
        var type = Nullable.GetUnderlyingType(info.Type) ?? info.Type;
        if (type.IsEnum)
        {
            var names = Enum.GetValuesAsUnderlyingType(type).Cast<object>()
                .Select(v => JsonSerializer.SerializeToElement(Enum.ToObject(type, v), _options.GetTypeInfo(type)).GetString()).ToList();
            if (value.ValueKind != JsonValueKind.String || !names.Contains(value.GetString()))
            {
                var shown = value.ValueKind == JsonValueKind.String ? $"'{value.GetString()}'" : value.GetRawText();
                _errors.Add($"{owner ?? "the policy"}: {name} {shown} is not one of {string.Join(", ", names)} (at {path}).");
            }
        }
        else if (value.ValueKind == JsonValueKind.Null || !Converts(value, info))
        {
            AddTypeError(info, path, name, owner);
        }
        else if (required && value.ValueKind == JsonValueKind.String && value.ValueEquals(""u8))
        {
            _errors.Add($"{owner ?? "the policy"}: '{name}' must not be empty (at {path}).");
        }
    }

    private static bool Converts(JsonElement value, JsonTypeInfo info)
    {
        try
        {
            JsonSerializer.Deserialize(value, info);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private void AddTypeError(JsonTypeInfo info, string path, string? name, string? owner)
    {
        var type = Nullable.GetUnderlyingType(info.Type) ?? info.Type;
        var expected = info.Kind switch
        {
            JsonTypeInfoKind.Object => "an object",
            JsonTypeInfoKind.Enumerable => "an array",
            _ when type == typeof(string) => "a string",
            _ when type == typeof(int) => "a whole number",
            _ when type == typeof(bool) => "true or false",
            _ => "a number",
        };
        _errors.Add(name is null ? $"the policy must be {expected} (at {path})." : $"{owner ?? "the policy"}: '{name}' must be {expected} (at {path}).");
    }

    /// <summary>"rule 'x'", "fallback rule 'x'" or "geofence 'x'", so errors inside those objects say whose they are.</summary>
    private static string? OwnerOf(JsonElement value, JsonTypeInfo? info, string path)
    {
        if (!value.TryGetProperty("id", out var element) || element.ValueKind != JsonValueKind.String || element.GetString() is not { Length: > 0 } id)
        {
            return null;
        }

        return info?.Type == typeof(RuleDocument) ? $"{(path == "$.fallback" ? "fallback rule" : "rule")} '{id}'"
            : info?.Type == typeof(GeofenceDocument) ? $"geofence '{id}'"
            : null;
    }

    private static string ChildPath(string parent, string name)
    {
        var plain = name.Length > 0 && (char.IsAsciiLetter(name[0]) || name[0] == '_') && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-');
        return plain ? $"{parent}.{name}" : $"{parent}[\"{JsonEncodedText.Encode(name)}\"]";
    }
}
