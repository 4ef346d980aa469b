using System.Globalization;

namespace Residency.Reporting.Model;

/// <summary>
/// One figure of the report and where it comes from. <see cref="Id"/> is <c>{section}/{metric}/{dimension}/{period}</c>
/// (dimension <c>all</c> when there is none; period <c>yyyy</c> or <c>yyyy-MM</c>). An estimate carries its error bound:
/// two standard errors of the HyperLogLog sketch, about 3.3% at precision 12.
/// </summary>
public sealed record Figure(string Section, string Metric, string Dimension, string Period, decimal Value, string Unit, FigureSource Source)
{
    /// <summary>The figure's id, unique in a report.</summary>
    public string Id => $"{Section}/{Metric}/{Dimension}/{Period}";

    /// <summary>For an estimate, plus or minus this many (two standard errors); null for an exact count.</summary>
    public decimal? ErrorBound { get; init; }

    /// <summary>True for a HyperLogLog estimate.</summary>
    public bool IsEstimate => ErrorBound is not null;

    /// <summary>The value as the page shows it: thousands separated, at most two decimals.</summary>
    public string Display => Format(Value);

    /// <summary>A value as the page shows it.</summary>
    public static string Format(decimal value) => value.ToString("#,##0.##", CultureInfo.InvariantCulture);
}

/// <summary>Where a figure comes from: a source set of the report, the member read, and how many documents gave it.</summary>
/// <param name="Set">The id of a <see cref="SourceSet"/> of the report.</param>
/// <param name="Field">The member of those documents (or the computation) the figure is made of.</param>
/// <param name="Documents">How many documents of the set the figure sums or merges.</param>
public sealed record FigureSource(string Set, string Field, int Documents);

/// <summary>A set of documents the report read: what, where (container and prefix, or file and SHA-256) and how many.</summary>
public sealed record SourceSet(string Id, string Description, string Location, int Documents);
