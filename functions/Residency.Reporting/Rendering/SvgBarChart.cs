using System.Globalization;
using System.Text;

namespace Residency.Reporting.Rendering;

/// <summary>An inline SVG chart of stacked monthly bars: no script, no external request, prints as vectors.</summary>
internal static class SvgBarChart
{
    private static readonly string[] Colors = ["#2f5d8a", "#c0504d", "#9bbb59", "#8064a2", "#f79646", "#4bacc6", "#7f7f7f", "#d4a017"];

    public static string Stacked(string title, IReadOnlyList<string> columns, IReadOnlyList<(string Name, IReadOnlyList<decimal> Values)> series)
    {
        const int width = 720, height = 220, left = 70, bottom = 30, top = 24;
        var totals = columns.Select((_, i) => series.Sum(s => s.Values[i])).ToList();
        var max = Math.Max(1, totals.DefaultIfEmpty(0).Max());
        var plotHeight = height - bottom - top;
        var slot = (width - left - 10) / (double)Math.Max(1, columns.Count);
        var svg = new StringBuilder();
        svg.Append(Invariant($"<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" viewBox=\"0 0 {width} {height + (18 * ((series.Count + 3) / 4))}\" class=\"chart\">"));
        svg.Append(Invariant($"<title>{Html.Encode(title)}</title>"));
        svg.Append(Invariant($"<line x1=\"{left}\" y1=\"{top + plotHeight}\" x2=\"{width - 10}\" y2=\"{top + plotHeight}\" stroke=\"#444\"/>"));
        svg.Append(Invariant($"<text x=\"{left - 6}\" y=\"{top + 4}\" text-anchor=\"end\" font-size=\"10\">{Html.Encode(Figure(max))}</text>"));
        svg.Append(Invariant($"<text x=\"{left - 6}\" y=\"{top + plotHeight}\" text-anchor=\"end\" font-size=\"10\">0</text>"));
        for (var i = 0; i < columns.Count; i++)
        {
            var x = left + (i * slot) + (slot * 0.15);
            var y = (double)(top + plotHeight);
            for (var s = 0; s < series.Count; s++)
            {
                var h = (double)(series[s].Values[i] / max) * plotHeight;
                y -= h;
                svg.Append(Invariant($"<rect x=\"{x:0.#}\" y=\"{y:0.#}\" width=\"{slot * 0.7:0.#}\" height=\"{h:0.#}\" fill=\"{Colors[s % Colors.Length]}\">"));
                svg.Append(Invariant($"<title>{Html.Encode(columns[i])} {Html.Encode(series[s].Name)}: {Html.Encode(Figure(series[s].Values[i]))}</title></rect>"));
            }

            svg.Append(Invariant($"<text x=\"{x + (slot * 0.35):0.#}\" y=\"{top + plotHeight + 14}\" text-anchor=\"middle\" font-size=\"10\">{Html.Encode(columns[i])}</text>"));
        }

        for (var s = 0; s < series.Count; s++)
        {
            var (lx, ly) = (left + (s % 4 * 160), height + (s / 4 * 18));
            svg.Append(Invariant($"<rect x=\"{lx}\" y=\"{ly - 9}\" width=\"10\" height=\"10\" fill=\"{Colors[s % Colors.Length]}\"/>"));
            svg.Append(Invariant($"<text x=\"{lx + 14}\" y=\"{ly}\" font-size=\"10\">{Html.Encode(series[s].Name)}</text>"));
        }

        return svg.Append("</svg>").ToString();
    }

    private static string Figure(decimal value) => Model.Figure.Format(value);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
