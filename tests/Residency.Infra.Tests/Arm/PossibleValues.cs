using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Residency.Infra.Tests.Arm;

/// <summary>A value a template property can take: JSON whose own expressions are still to be evaluated in its template.</summary>
internal readonly record struct Candidate(JsonNode? Json, TemplateScope Scope)
{
    public string? String => Json is JsonValue v && v.TryGetValue(out string? s) ? s : null;
}

/// <summary>
/// Every value a template property can take, found by following the compiled template: parameters (to the value
/// the parent module or parameter file passes, the default, or the <c>allowedValues</c>), variables, literals,
/// <c>if</c> (both branches), <c>format</c>/<c>concat</c>, member access, and the resource-id functions. Anything else
/// is unknown (null), and the checks treat unknown as unsafe.
/// </summary>
internal static partial class PossibleValues
{
    private const int MaxDepth = 64;
    private const int MaxCombinations = 64;

    public static IReadOnlyList<Candidate>? Of(JsonNode? json, TemplateScope scope) => Normalize(json, scope, 0);

    /// <summary>The possible strings, or null when any possible value is unknown or not a string.</summary>
    public static IReadOnlyList<string>? Strings(JsonNode? json, TemplateScope scope) => AsStrings(Of(json, scope));

    private static List<string>? AsStrings(IReadOnlyList<Candidate>? candidates) =>
        candidates is not null && candidates.All(c => c.String is not null) ? candidates.Select(c => c.String!).ToList() : null;

    private static List<Candidate>? Normalize(JsonNode? json, TemplateScope scope, int depth)
    {
        if (json is JsonValue value && value.TryGetValue(out string? text))
        {
            return ArmExpression.IsExpression(text)
                ? Evaluate(ArmExpression.Parse(text), scope, depth + 1)
                : [new Candidate(JsonValue.Create(ArmExpression.Literal(text)), scope)];
        }

        return [new Candidate(json, scope)];
    }

    private static List<Candidate>? Evaluate(ArmExpression expression, TemplateScope scope, int depth)
    {
        if (depth > MaxDepth)
        {
            return null;
        }

        return expression switch
        {
            ArmExpression.StringLiteral s => [new Candidate(JsonValue.Create(s.Value), scope)],
            ArmExpression.IntegerLiteral i => [new Candidate(JsonValue.Create(i.Value), scope)],
            ArmExpression.Member m => FlatMap(Evaluate(m.Target, scope, depth), c =>
                c.Json is JsonObject obj && TemplateScope.Get(obj, m.Name) is { } child ? Normalize(child, c.Scope, depth) : null),
            ArmExpression.Index ix => Index(ix, scope, depth),
            ArmExpression.Call call => Call(call, scope, depth),
            _ => null,
        };
    }

    private static List<Candidate>? Index(ArmExpression.Index index, TemplateScope scope, int depth)
    {
        var keys = Evaluate(index.Key, scope, depth);
        return keys is null ? null : FlatMap(Evaluate(index.Target, scope, depth), target => FlatMap(keys, key =>
            (target.Json, key.Json) switch
            {
                (JsonObject obj, JsonValue k) when k.TryGetValue(out string? name) && TemplateScope.Get(obj, name) is { } child
                    => Normalize(child, target.Scope, depth),
                (JsonArray array, JsonValue k) when k.TryGetValue(out long i) && i >= 0 && i < array.Count
                    => Normalize(array[(int)i], target.Scope, depth),
                _ => null,
            }));
    }

    private static List<Candidate>? Call(ArmExpression.Call call, TemplateScope scope, int depth)
    {
        var args = call.Arguments;
        switch (call.Function.ToLowerInvariant())
        {
            case "parameters" when args is [ArmExpression.StringLiteral name]:
                return Parameter(name.Value, scope, depth);
            case "variables" when args is [ArmExpression.StringLiteral name]:
                var variable = scope.Variable(name.Value, out var found);
                return found ? Normalize(variable, scope, depth) : null; // copy-loop variables stay unknown
            case "if" when args.Count == 3:
                return Union(Evaluate(args[1], scope, depth), Evaluate(args[2], scope, depth));
            case "true":
                return [new Candidate(JsonValue.Create(true), scope)];
            case "false":
                return [new Candidate(JsonValue.Create(false), scope)];
            case "tolower" or "toupper" when args.Count == 1:
                var lower = call.Function.Equals("toLower", StringComparison.OrdinalIgnoreCase);
                return Strings(AsStrings(Evaluate(args[0], scope, depth))?.Select(s => lower ? s.ToLowerInvariant() : s.ToUpperInvariant()), scope);
            case "format" when args.Count >= 1:
                return Strings(Combine(args, scope, depth)?.Select(a => Format(a[0], a.Skip(1).ToList())), scope);
            case "concat" when args.Count >= 1:
                return Concat(args, scope, depth);
            case "tenantresourceid":
                return Strings(Combine(args, scope, depth)?.Select(a => ResourceId("", a)), scope);
            case "subscriptionresourceid":
                return Strings(Combine(args, scope, depth)?.Select(a => ResourceId("/subscriptions/{subscriptionId}", a)), scope);
            case "resourceid":
                return Strings(Combine(args, scope, depth)?.Select(a => ResourceId("/subscriptions/{subscriptionId}/resourceGroups/{resourceGroup}", a)), scope);
            default:
                return null;
        }
    }

    /// <summary>
    /// A parameter's possible values: what the parent or parameter file passes; else its default (except at an
    /// open root, where the deployer may pass anything); else its allowed values; else unknown.
    /// </summary>
    private static List<Candidate>? Parameter(string name, TemplateScope scope, int depth)
    {
        var declaration = scope.ParameterDeclaration(name);
        if (declaration is null)
        {
            return null;
        }

        if (scope.TryGetArgument(name, out var passed, out var passedScope))
        {
            if (Normalize(passed, passedScope!, depth) is { } fromCaller)
            {
                return fromCaller;
            }
        }
        else if (!scope.IsOpenRoot && declaration.ContainsKey("defaultValue") && Normalize(declaration["defaultValue"], scope, depth) is { } fromDefault)
        {
            return fromDefault;
        }

        if (declaration["allowedValues"] is JsonArray allowed && allowed.Count > 0)
        {
            // An array parameter's elements must each be allowed: the whole list bounds every value it can take.
            return declaration["type"]?.GetValue<string>().Equals("array", StringComparison.OrdinalIgnoreCase) == true
                ? [new Candidate(allowed, scope)]
                : allowed.Select(v => new Candidate(v, scope)).ToList();
        }

        return null;
    }

    private static List<Candidate>? Concat(IReadOnlyList<ArmExpression> args, TemplateScope scope, int depth)
    {
        var parts = args.Select(a => Evaluate(a, scope, depth)).ToList();
        if (parts.Any(p => p is null))
        {
            return null;
        }

        if (parts.All(p => p!.All(c => c.Json is JsonArray)))
        {
            // Arrays: every element of every possible input, as one list (enough for "every element is ..." checks).
            var elements = parts.SelectMany(p => p!).SelectMany(c => ((JsonArray)c.Json!).Select(e => Normalize(e, c.Scope, depth)));
            var known = elements.ToList();
            return known.Any(e => e is null) ? null : [new Candidate(new JsonArray(known.SelectMany(e => e!).Select(e => e.Json?.DeepClone()).ToArray()), scope)];
        }

        return Strings(Combine(args, scope, depth)?.Select(a => string.Concat(a)), scope);
    }

    /// <summary>Every combination of the arguments' possible strings, or null when one is unknown or there are too many.</summary>
    private static List<List<string>>? Combine(IReadOnlyList<ArmExpression> args, TemplateScope scope, int depth)
    {
        var combinations = new List<List<string>> { new() };
        foreach (var argument in args)
        {
            var values = AsStrings(Evaluate(argument, scope, depth));
            if (values is null || combinations.Count * values.Count > MaxCombinations)
            {
                return null;
            }

            combinations = combinations.SelectMany(c => values.Select(v => c.Append(v).ToList())).ToList();
        }

        return combinations;
    }

    private static string Format(string format, List<string> args) =>
        FormatItem().Replace(format, m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) is var i && i < args.Count ? args[i] : m.Value);

    /// <summary>[ids...,] 'Provider/type[/child]', names... → {prefix}/providers/Provider/type/name[/child/name].</summary>
    private static string ResourceId(string prefix, List<string> args)
    {
        var typeIndex = args.FindIndex(a => a.Contains('/', StringComparison.Ordinal) && a.Contains('.', StringComparison.Ordinal));
        var typeParts = args[Math.Max(typeIndex, 0)].Split('/');
        var names = args.Skip(typeIndex + 1).ToList();
        var path = $"{prefix}/providers/{typeParts[0]}";
        for (var i = 1; i < typeParts.Length; i++)
        {
            path += $"/{typeParts[i]}/{(i - 1 < names.Count ? names[i - 1] : "{name}")}";
        }

        return path;
    }

    private static List<Candidate>? Strings(IEnumerable<string>? values, TemplateScope scope) =>
        values?.Select(v => new Candidate(JsonValue.Create(v), scope)).ToList();

    private static List<Candidate>? Union(List<Candidate>? a, List<Candidate>? b) => a is null || b is null ? null : [.. a, .. b];

    private static List<Candidate>? FlatMap(List<Candidate>? source, Func<Candidate, List<Candidate>?> map)
    {
        if (source is null)
        {
            return null;
        }

        var result = new List<Candidate>();
        foreach (var candidate in source)
        {
            if (map(candidate) is not { } mapped)
            {
                return null;
            }

            result.AddRange(mapped);
        }

        return result;
    }

    [GeneratedRegex(@"\{(\d+)\}")]
    private static partial Regex FormatItem();
}
