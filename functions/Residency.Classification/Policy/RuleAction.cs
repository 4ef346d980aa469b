using System.Globalization;

namespace Residency.Classification.Policy;

/// <summary>A rule's action with its parameters.</summary>
public sealed class RuleAction
{
    internal RuleAction(RuleActionKind kind)
    {
        Kind = kind;
        Name = kind switch
        {
            RuleActionKind.Keep => "keep",
            RuleActionKind.Pseudonymize => "pseudonymize",
            RuleActionKind.Generalize => "generalize",
            RuleActionKind.Mask => "mask",
            RuleActionKind.DeidentifyImage => "deidentify-image",
            _ => "drop",
        };
    }

    /// <summary>The action.</summary>
    public RuleActionKind Kind { get; }

    /// <summary>The action's policy name (keep, pseudonymize, generalize, mask, drop, deidentify-image).</summary>
    public string Name { get; }

    /// <summary>Generalize: grid size in the number's unit (degrees for coordinates); numbers snap to the nearest multiple.</summary>
    public double? Grid { get; init; }

    /// <summary>Generalize: the unit timestamps are truncated to.</summary>
    public TimestampUnit? Truncate { get; init; }

    /// <summary>Mask: characters kept at the start.</summary>
    public int KeepFirst { get; init; }

    /// <summary>Mask: characters kept at the end.</summary>
    public int KeepLast { get; init; }

    /// <summary>Mask: keep everything from the first occurrence of this character on (for example "@" for e-mail domains).</summary>
    public string? KeepFrom { get; init; }

    /// <summary>Deidentify-image: what the frame stage runs and how it blurs.</summary>
    public ImageDeidentification? Image { get; init; }

    /// <summary>True when the classifier writes the value as it reads it (keep, and deidentify-image, whose frame the stage
    /// already rewrote).</summary>
    internal bool KeepsValue => Kind is RuleActionKind.Keep or RuleActionKind.DeidentifyImage;

    /// <summary>Decimal places that represent <see cref="Grid"/> exactly enough for output.</summary>
    internal int GridDecimals { get; init; }

    internal static RuleAction Keep { get; } = new(RuleActionKind.Keep);

    /// <summary>A short human-readable form, for example <c>mask(keepFirst=3,keepLast=4)</c>.</summary>
    public string Describe() => Kind switch
    {
        RuleActionKind.Generalize when Grid is { } grid => $"generalize(grid={grid.ToString(CultureInfo.InvariantCulture)})",
        RuleActionKind.Generalize => $"generalize(truncate={Truncate?.ToString().ToLowerInvariant()})",
        RuleActionKind.Mask => $"mask(keepFirst={KeepFirst},keepLast={KeepLast}{(KeepFrom is null ? string.Empty : $",keepFrom={KeepFrom}")})",
        RuleActionKind.DeidentifyImage when Image is { } image => image.Describe(),
        _ => Name,
    };
}
