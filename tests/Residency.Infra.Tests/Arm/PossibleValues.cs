using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Residency.Infra.Tests.Arm;

/// <summary>A value a template property can take: JSON whose own expressions are still to be evaluated in its template.</summary>
internal readonly record struct Candidate(JsonNode? Json, TemplateScope Scope)
{
    public string? String => Json is JsonValue v && v.TryGetValue(out string? s) ? s : null;
}

/// <summary>
/// Every value a template property can take, found by following the compiled template: parameters (to what the
/// parent module or the parameter file passes, the default, or the <c>allowedValues</c>), variables, <c>if</c> (both
/// branches), <c>format</c>, member access, indexing and the resource-id functions. Anything else is unknown (null),
/// which the checks treat as unsafe.
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

    private static List<Candidate>? Normalize(JsonNode? json, TemplateScope scope, int depth) =>
        json is JsonValue value && value.TryGetValue(out string? text)
            ? ArmExpression.IsExpression(text)
                ? Evaluate(ArmExpression.Parse(text), scope, depth + 1)
                : [new Candidate(JsonValue.Create(ArmExpression.Literal(text)), scope)]
            : [new Candidate(json, scope)];

    private static List<Candidate>? Evaluate(ArmExpression expression, TemplateScope scope, int depth) => depth > MaxDepth ? null : expression switch
    {
        ArmExpression.StringLiteral s => [new Candidate(JsonValue.Create(s.Value), scope)],
        ArmExpression.IntegerLiteral i => [new Candidate(JsonValue.Create(i.Value), scope)],
        ArmExpression.Member m => FlatMap(Evaluate(m.Target, scope, depth), t => Child(t, JsonValue.Create(m.Name), depth)),
        ArmExpression.Index ix => Evaluate(ix.Key, scope, depth) is { } keys
            ? FlatMap(Evaluate(ix.Target, scope, depth), t => FlatMap(keys, k => Child(t, k.Json, depth)))
            : null,
        ArmExpression.Call call => Call(call.Function.ToLowerInvariant(), call.Arguments, scope, depth),
        _ => null,
    };

    private static List<Candidate>? Child(Candidate target, JsonNode? key, int depth) => (target.Json, key) switch
    {
        (JsonObject obj, JsonValue k) when k.TryGetValue(out string? name) && TemplateScope.Get(obj, name) is { } child => Normalize(child, target.Scope, depth),
        (JsonArray array, JsonValue k) when k.TryGetValue(out long i) && i >= 0 && i < array.Count => Normalize(array[(int)i], target.Scope, depth),
        _ => null,
    };

    private static List<Candidate>? Call(string function, IReadOnlyList<ArmExpression> args, TemplateScope scope, int depth) => (function, args) switch
    {
        ("parameters", [ArmExpression.StringLiteral name]) => Parameter(name.Value, scope, depth),
        ("variables", [ArmExpression.StringLiteral name]) => scope.Variable(name.Value, out var found) is var v && found ? Normalize(v, scope, depth) : null,
        ("if", [_, var whenTrue, var whenFalse]) => Evaluate(whenTrue, scope, depth) is { } a && Evaluate(whenFalse, scope, depth) is { } b ? [.. a, .. b] : null,
        ("format", [_, ..]) => Strings(Combine(args, scope, depth)?.Select(a => FormatItem().Replace(a[0], m => Argument(a, m.Groups[1].Value) ?? m.Value)), scope),
        ("tenantresourceid", _) => Strings(Combine(args, scope, depth)?.Select(a => ResourceId("", a)), scope),
        ("subscriptionresourceid", _) => Strings(Combine(args, scope, depth)?.Select(a => ResourceId("/subscriptions/{subscriptionId}", a)), scope),
        _ => null,
    };

    /// <summary>
    /// A parameter's values: what the parent or the parameter file passes; else its default (except at an open root,
    /// where the deployer may pass anything); else its allowed values; else unknown.
    /// </summary>
    private static List<Candidate>? Parameter(string name, TemplateScope scope, int depth)
    {
        if (scope.ParameterDeclaration(name) is not { } declaration)
        {
            return null;
        }

        var known = scope.TryGetArgument(name, out var passed, out var passedScope)
            ? Normalize(passed, passedScope!, depth)
            : !scope.IsOpenRoot && declaration.ContainsKey("defaultValue") ? Normalize(declaration["defaultValue"], scope, depth) : null;
        if (known is not null || declaration["allowedValues"] is not JsonArray { Count: > 0 } allowed)
        {
            return known;
        }

        // Each element of an array parameter must be allowed: the whole list bounds every value it can take.
        return declaration["type"]?.GetValue<string>().Equals("array", StringComparison.OrdinalIgnoreCase) == true
            ? [new Candidate(allowed, scope)]
            : allowed.Select(v => new Candidate(v, scope)).ToList();
    }

    /// <summary>Every combination of the arguments' possible strings, or null when one is unknown or there are too many.</summary>
    private static List<List<string>>? Combine(IReadOnlyList<ArmExpression> args, TemplateScope scope, int depth)
    {
        var combinations = new List<List<string>> { new() };
        foreach (var argument in args)
        {
            if (AsStrings(Evaluate(argument, scope, depth)) is not { } values || combinations.Count * values.Count > MaxCombinations)
            {
                return null;
            }

            combinations = combinations.SelectMany(c => values.Select(v => c.Append(v).ToList())).ToList();
        }

        return combinations;
    }

    private static string? Argument(List<string> args, string index) =>
        int.Parse(index, System.Globalization.CultureInfo.InvariantCulture) + 1 is var i && i < args.Count ? args[i] : null;

    /// <summary>[ids...,] 'Provider/type[/child]', names... → {prefix}/providers/Provider/type/name[/child/name].</summary>
    private static string ResourceId(string prefix, List<string> args)
    {
        var start = Math.Max(0, args.FindIndex(a => a.Contains('/', StringComparison.Ordinal)));
        var type = args[start].Split('/');
        return prefix + $"/providers/{type[0]}" + string.Concat(type.Skip(1).Select((t, i) => $"/{t}/{(start + i + 1 < args.Count ? args[start + i + 1] : "{name}")}"));
    }

    private static List<Candidate>? Strings(IEnumerable<string>? values, TemplateScope scope) =>
        values?.Select(v => new Candidate(JsonValue.Create(v), scope)).ToList();

    private static List<Candidate>? FlatMap(List<Candidate>? source, Func<Candidate, List<Candidate>?> map)
    {
        var result = new List<Candidate>();
        foreach (var candidate in source ?? [])
        {
            if (map(candidate) is not { } mapped)
            {
                return null;
            }

            result.AddRange(mapped);
        }

        return source is null ? null : result;
    }

    [GeneratedRegex(@"\{(\d+)\}")]
    private static partial Regex FormatItem();
}
