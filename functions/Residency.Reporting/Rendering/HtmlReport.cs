using System.Globalization;
using System.Text;
using Residency.Reporting.Model;

namespace Residency.Reporting.Rendering;

/// <summary>
/// report.html: one self-contained page (inline CSS and SVG, no script, no image, no font or link to fetch: it makes no
/// network request), headings in Chinese with English beside them, print-friendly (A4). Every figure of report.json is
/// in a cell that names it (<c>data-figure</c>), with its source in the cell's title or beside it.
/// </summary>
public static class HtmlReport
{
    /// <summary>The page as UTF-8 bytes; throws <see cref="InvalidOperationException"/> if it would show a value it must never show.</summary>
    public static byte[] Write(AnnualReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var page = new StringBuilder();
        page.Append("<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\">")
            .Append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">")
            .Append("<title>").Append(Html.Encode(Invariant($"汽车数据安全管理情况年度报告 {report.Year} Annual automotive data security report"))).Append("</title>")
            .Append("<style>").Append(Css).Append("</style></head><body>");
        Header(page, report);
        foreach (var section in Labels.Sections.Keys)
        {
            page.Append("<section id=\"").Append(section).Append("\"><h2>").Append(Html.Encode(Labels.Sections[section])).Append("</h2>");
            // The figures of 13(2) come before the purposes of each category; elsewhere the items in words lead.
            if (section == "art13-2")
            {
                ReportSections.Body(page, report, section);
                Statements(page, report, section);
            }
            else
            {
                Statements(page, report, section);
                ReportSections.Body(page, report, section);
            }
            page.Append("</section>");
        }

        ReportSections.Checks(page, report);
        ReportSections.Sources(page, report);
        page.Append("</body></html>");
        var text = page.ToString();
        if (SensitiveText.KindIn(text) is { } kind)
        {
            // Nothing the ledger holds can produce one; a facts value was checked on reading. A bug if reached.
            throw new InvalidOperationException($"report.html would show what looks like a {kind}.");
        }

        return Encoding.UTF8.GetBytes(text);
    }

    private static void Header(StringBuilder page, AnnualReport report)
    {
        page.Append("<header><h1>").Append(Html.Encode(Invariant($"{report.Year}年度汽车数据安全管理情况报告"))).Append("<br><small>")
            .Append(Html.Encode(Invariant($"Annual automotive data security report {report.Year}"))).Append("</small></h1>");
        if (report.Draft)
        {
            page.Append("<p class=\"draft\">草稿 DRAFT: 未完成的事项标为“待补充” items still to be completed are marked.</p>");
        }

        var processor = report.Statements.FirstOrDefault(s => s.Id == "processor.name");
        page.Append("<table class=\"meta\"><tbody>")
            .Append(Row("数据处理者 Processor", processor?.Text ?? Statement.ToBeCompleted))
            .Append(Row("报告期 Period", Invariant($"{Day(new DateOnly(report.Year, 1, 1))} – {Day(report.Through)}")
                + (report.LastDayWithData is { } last ? Invariant($" (台账最后一天 last day in the ledger: {Day(last)})") : " (台账无数据 the ledger holds no day)")))
            .Append(Row("存储账户 Storage account", Invariant($"{report.Account}, {report.Region}")))
            .Append(Row("生成时间 Generated", report.GeneratedAt.ToUniversalTime().ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture)))
            .Append(Row("待补充事项 Items to be completed", report.MissingItems.Count == 0 ? "无 none" : string.Join(", ", report.MissingItems)))
            .Append("</tbody></table>");
        page.Append("<p class=\"note\">估计值为 HyperLogLog 估计，± 为两个标准误差（约95%）。Estimates are HyperLogLog estimates; ± is two standard errors (about 95%). ")
            .Append("条款措辞部分未经官方文本确认，见 docs/regulations.md。Item wording is partly unconfirmed against the official text (docs/regulations.md).</p></header>");
    }

    private static void Statements(StringBuilder page, AnnualReport report, string section)
    {
        var statements = report.Statements.Where(s => s.Section == section && s.Id != "processor.name").ToList();
        if (statements.Count == 0)
        {
            return;
        }

        page.Append("<table class=\"statements\"><tbody>");
        foreach (var statement in statements)
        {
            page.Append("<tr><th scope=\"row\">").Append(Html.Encode(statement.Label)).Append("</th>")
                .Append(statement.Text is null
                    ? "<td class=\"missing\">" + Html.Encode(Statement.ToBeCompleted) + "</td>"
                    : "<td>" + Html.Encode(statement.Text) + "</td>")
                .Append("<td class=\"source\">").Append(Html.Encode(statement.Source)).Append("</td></tr>");
        }

        page.Append("</tbody></table>");
    }

    internal static string Row(string label, string value) => $"<tr><th scope=\"row\">{Html.Encode(label)}</th><td>{Html.Encode(value)}</td></tr>";

    internal static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    internal static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private const string Css = """
        @page { size: A4; margin: 14mm 12mm; }
        body { font-family: "Noto Sans CJK SC", "WenQuanYi Zen Hei", "Microsoft YaHei", "PingFang SC", sans-serif; font-size: 10pt; color: #111; margin: 0 auto; max-width: 1100px; padding: 12px; }
        h1 { font-size: 18pt; margin: 0 0 8px; } h1 small { font-size: 12pt; color: #444; font-weight: normal; }
        h2 { font-size: 12.5pt; border-bottom: 2px solid #2f5d8a; padding-bottom: 2px; margin-top: 22px; }
        h3 { font-size: 10.5pt; margin: 12px 0 4px; }
        table { border-collapse: collapse; width: 100%; margin: 6px 0 10px; }
        th, td { border: 1px solid #bbb; padding: 2px 4px; vertical-align: top; }
        table.figures td { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; font-size: 8.5pt; }
        table.figures th { font-size: 8.5pt; text-align: left; background: #f1f4f8; }
        table.figures caption, table.list caption { text-align: left; font-weight: bold; padding: 4px 0; }
        table.statements th, table.meta th, table.lines th { width: 30%; text-align: left; background: #f7f7f7; font-weight: normal; }
        td.source { color: #555; font-size: 8pt; width: 22%; }
        td.missing { color: #b00020; font-weight: bold; }
        td.pass { color: #1b6e20; } td.fail { color: #b00020; font-weight: bold; }
        .bound { color: #555; font-size: 7.5pt; }
        .draft { border: 2px solid #b00020; color: #b00020; padding: 6px; font-weight: bold; }
        .note { color: #444; font-size: 8.5pt; }
        svg.chart { width: 100%; max-width: 760px; height: auto; display: block; margin: 6px 0; }
        @media print {
          body { max-width: none; padding: 0; font-size: 9pt; }
          table.statements, table.lines, svg.chart { break-inside: avoid-page; }
          h2 { break-after: avoid-page; }
          a { color: inherit; text-decoration: none; }
        }
        """;
}
