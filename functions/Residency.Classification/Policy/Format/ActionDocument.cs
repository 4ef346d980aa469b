using System.Text.Json;
using System.Text.Json.Serialization;

namespace Residency.Classification.Policy.Format;

/// <summary>A rule's action as written: a name (<c>"keep"</c>) or an object with <c>type</c> and parameters.</summary>
internal sealed class ActionDocument
{
    public required RuleActionKind Type { get; init; }

    public double? Grid { get; init; }

    public TimestampUnit? Truncate { get; init; }

    public int? KeepFirst { get; init; }

    public int? KeepLast { get; init; }

    public string? KeepFrom { get; init; }

    public List<ImageDetector>? Detectors { get; init; }

    public ImageBlur? Blur { get; init; }

    public double? MinConfidence { get; init; }

    public bool? Tiling { get; init; }

    /// <summary>True when any deidentify-image option is written.</summary>
    public bool HasImageOptions => Detectors is not null || Blur is not null || MinConfidence is not null || Tiling is not null;

    /// <summary>The runtime action of a validated document.</summary>
    public RuleAction ToAction() => new(Type)
    {
        Grid = Grid,

        // Enough decimals to write multiples of the grid without binary noise (0.001 takes 4).
        GridDecimals = Grid is { } grid ? Math.Clamp((int)Math.Ceiling(-Math.Log10(grid)) + 1, 0, 15) : 0,
        Truncate = Truncate,
        KeepFirst = KeepFirst ?? 0,
        KeepLast = KeepLast ?? 0,
        KeepFrom = KeepFrom,
        Image = Type == RuleActionKind.DeidentifyImage
            ? new ImageDeidentification
            {
                Detectors = Detectors is null ? ImageDeidentification.Default.Detectors : [.. Detectors.Distinct()],
                Blur = Blur ?? ImageDeidentification.Default.Blur,
                MinConfidence = MinConfidence ?? ImageDeidentification.Default.MinConfidence,
                Tiling = Tiling ?? ImageDeidentification.Default.Tiling,
            }
            : null,
    };
}

/// <summary>Reads <c>"action": "mask"</c> as <c>{ "type": "mask" }</c>; anything but an object is the action's name.</summary>
internal sealed class ActionFormConverter : JsonConverter<ActionDocument>, IFormSelector
{
    public Type FormOf(JsonElement value) => value.ValueKind == JsonValueKind.Object ? typeof(ActionDocument) : typeof(RuleActionKind);

    public override ActionDocument? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.StartObject
            ? JsonSerializer.Deserialize(ref reader, PolicyJsonContext.Default.ActionDocument)
            : new ActionDocument { Type = JsonSerializer.Deserialize(ref reader, PolicyJsonContext.Default.RuleActionKind) };

    public override void Write(Utf8JsonWriter writer, ActionDocument value, JsonSerializerOptions options) =>
        JsonSerializer.Serialize(writer, value, PolicyJsonContext.Default.ActionDocument);
}
