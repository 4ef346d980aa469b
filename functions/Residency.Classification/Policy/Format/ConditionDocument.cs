using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Residency.Classification.Policy.Format;

/// <summary>A rule's <c>when</c> as written: a test of one field, or <c>any</c>/<c>all</c> of other conditions.</summary>
[JsonConverter(typeof(ConditionFormConverter))]
internal abstract class ConditionDocument
{
    /// <summary>The runtime condition of a validated document.</summary>
    public abstract RuleCondition ToCondition();
}

/// <summary>A test of one field below the matched node: exactly one of <c>in</c>, <c>greaterThan</c> or <c>missing</c>.</summary>
internal sealed class FieldCondition : ConditionDocument
{
    public required string Field { get; init; }

    public IReadOnlyList<string>? In { get; init; }

    public double? GreaterThan { get; init; }

    public bool? Missing { get; init; }

    public override RuleCondition ToCondition() => new()
    {
        Field = Field,
        FieldSegments = Field.Split('.'),
        In = In,
        InUtf8 = In is null ? [] : [.. In.Select(Encoding.UTF8.GetBytes)],
        GreaterThan = GreaterThan,
        Missing = Missing == true,
    };
}

/// <summary>A condition that holds when any (or all) of its parts hold.</summary>
internal sealed class CombinedCondition : ConditionDocument
{
    public IReadOnlyList<ConditionDocument>? Any { get; init; }

    public IReadOnlyList<ConditionDocument>? All { get; init; }

    public override RuleCondition ToCondition()
    {
        RuleCondition[] parts = [.. (Any ?? All ?? []).Select(part => part.ToCondition())];
        return Any is not null ? new RuleCondition { Any = parts, Parts = parts } : new RuleCondition { All = parts, Parts = parts };
    }
}

/// <summary>Reads a condition in the form its properties show: <c>any</c> or <c>all</c> make a combination, else a field test.</summary>
internal sealed class ConditionFormConverter : JsonConverter<ConditionDocument>, IFormSelector
{
    public Type FormOf(JsonElement value) =>
        value.ValueKind == JsonValueKind.Object && (value.TryGetProperty("any", out _) || value.TryGetProperty("all", out _))
            ? typeof(CombinedCondition)
            : typeof(FieldCondition);

    public override ConditionDocument? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        using var document = JsonDocument.ParseValue(ref reader);
        return (ConditionDocument?)document.RootElement.Deserialize(options.GetTypeInfo(FormOf(document.RootElement)));
    }

    public override void Write(Utf8JsonWriter writer, ConditionDocument value, JsonSerializerOptions options) =>
        JsonSerializer.Serialize(writer, value, options.GetTypeInfo(value.GetType()));
}
