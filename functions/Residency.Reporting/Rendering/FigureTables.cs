using System.Text;
using Residency.Reporting.Model;

namespace Residency.Reporting.Rendering;

/// <summary>Figures as tables: one row per dimension, one column per period (months, then the year). Every cell names its figure.</summary>
internal static class FigureTables
{
    public static string Pivot(IEnumerable<Figure> figures, string caption)
    {
        var list = figures.ToList();
        if (list.Count == 0)
        {
            return string.Empty;
        }

        var periods = list.Select(f => f.Period).Distinct(StringComparer.Ordinal).OrderBy(p => p.Length == 4 ? 1 : 0).ThenBy(p => p, StringComparer.Ordinal).ToList();
        var html = new StringBuilder();
        html.Append("<table class=\"figures\"><caption>").Append(Html.Encode(caption)).Append("</caption><thead><tr><th></th>");
        foreach (var period in periods)
        {
            html.Append("<th>").Append(Html.Encode(period.Length == 4 ? period + " 全年 year" : period[5..] + "月")).Append("</th>");
        }

        html.Append("</tr></thead><tbody>");
        foreach (var row in list.GroupBy(f => f.Dimension))
        {
            html.Append("<tr><th scope=\"row\">").Append(Html.Encode(row.Key == "all" ? "合计 total" : row.Key)).Append("</th>");
            var byPeriod = row.ToDictionary(f => f.Period, StringComparer.Ordinal);
            foreach (var period in periods)
            {
                html.Append(byPeriod.TryGetValue(period, out var figure) ? Cell(figure) : "<td></td>");
            }

            html.Append("</tr>");
        }

        return html.Append("</tbody></table>").ToString();
    }

    /// <summary>One figure as a definition line: label, value, source.</summary>
    public static string Line(Figure figure, string? label = null) =>
        $"<tr><th scope=\"row\">{Html.Encode(label ?? Labels.Metric(figure.Metric))}</th>{Cell(figure)}<td class=\"source\">{Html.Encode(Source(figure))}</td></tr>";

    public static string Cell(Figure figure) =>
        $"<td data-figure=\"{Html.Encode(figure.Id)}\" title=\"{Html.Encode(Source(figure))}\">{Html.Encode(figure.Display)}"
        + (figure.ErrorBound is { } bound ? $" <span class=\"bound\">±{Html.Encode(Figure.Format(bound))}</span>" : string.Empty) + "</td>";

    private static string Source(Figure figure) => $"{figure.Source.Set}: {figure.Source.Field} ({figure.Source.Documents} documents)";
}
