using System.Text;
using Residency.Reporting.Model;

namespace Residency.Reporting.Rendering;

/// <summary>The figures, charts and lists of each section of the page.</summary>
internal static class ReportSections
{
    public static void Body(StringBuilder page, AnnualReport report, string section)
    {
        var figures = report.Figures.Where(f => f.Section == section).ToList();
        switch (section)
        {
            case "art13-2":
                page.Append(EventsChart(report));
                foreach (var metric in new[] { "events", "stored-events", "lines", "bytes", "vehicles", "fields", "sensitive-area-hits", "exterior-frames" })
                {
                    page.Append(FigureTables.Pivot(figures.Where(f => f.Metric == metric), Labels.Metric(metric)));
                }

                page.Append(FigureTables.Pivot(figures.Where(f => f.Metric == "vehicles-by-category"), Labels.Metric("vehicles-by-category")));
                page.Append(figures.Any(f => f.Metric == "persons")
                    ? FigureTables.Pivot(figures.Where(f => f.Metric == "persons"), Labels.Metric("persons"))
                    : "<p class=\"note\">按标识类型的个人数：台账尚无记录 Distinct persons by identifier kind: the ledger holds none yet.</p>");
                break;
            case "art13-3":
                Lines(page, figures);
                Policies(page, report);
                break;
            case "art13-5":
                page.Append(QuarantineChart(report));
                page.Append(FigureTables.Pivot(figures.Where(f => f.Metric == "quarantined"), Labels.Metric("quarantined")));
                Lines(page, figures.Where(f => f.Metric != "quarantined"), withDimension: true);
                LedgerLists(page, report);
                break;
            case "rights":
                Lines(page, figures);
                LateDeletions(page, report);
                break;
            case "art14":
                Lines(page, figures, withDimension: true);
                Thresholds(page, report);
                break;
            default:
                break;
        }
    }

    public static void Checks(StringBuilder page, AnnualReport report)
    {
        page.Append("<section id=\"checks\"><h2>质量检查 Quality checks</h2><table class=\"lines\"><tbody>");
        foreach (var check in report.Checks)
        {
            page.Append("<tr><th scope=\"row\">").Append(Html.Encode(check.Label)).Append("</th>")
                .Append(check.Passed ? "<td class=\"pass\">通过 passed</td>" : "<td class=\"fail\">未通过 failed</td>")
                .Append("<td>").Append(Html.Encode(check.Detail)).Append("</td></tr>");
        }

        page.Append("</tbody></table></section>");
    }

    public static void Sources(StringBuilder page, AnnualReport report)
    {
        page.Append("<section id=\"sources\"><h2>数据来源 Sources read</h2><table class=\"lines\"><thead><tr><th>id</th><th>")
            .Append("文件 Documents</th><th>位置 Location</th><th>数量 Count</th></tr></thead><tbody>");
        foreach (var source in report.Sources)
        {
            page.Append("<tr><td>").Append(Html.Encode(source.Id)).Append("</td><td>").Append(Html.Encode(source.Description)).Append("</td><td>")
                .Append(Html.Encode(source.Location)).Append("</td><td>").Append(Html.Encode(Figure.Format(source.Documents))).Append("</td></tr>");
        }

        page.Append("</tbody></table><p class=\"note\">每个数字的来源（文件集、字段、文件数）见其单元格的提示和 report.json。The source of every figure (set, field, documents) ")
            .Append("is in its cell's tooltip and in report.json.</p></section>");
    }

    private static void Lines(StringBuilder page, IEnumerable<Figure> figures, bool withDimension = false)
    {
        var list = figures.ToList();
        if (list.Count == 0)
        {
            return;
        }

        page.Append("<table class=\"lines\"><tbody>");
        foreach (var figure in list)
        {
            page.Append(FigureTables.Line(figure, withDimension && figure.Dimension != "all" ? $"{Labels.Metric(figure.Metric)}: {figure.Dimension}" : null));
        }

        page.Append("</tbody></table>");
    }

    private static string EventsChart(AnnualReport report)
    {
        var months = Monthly(report, "art13-2", "stored-events", "all");
        var quarantined = Monthly(report, "art13-5", "quarantined", "all");
        return months.Count == 0 ? string.Empty : SvgBarChart.Stacked("每月事件 Events per month", months.Select(m => m.Period[5..] + "月").ToList(),
            [("已存储 stored", months.Select(m => m.Value).ToList()), ("已隔离 quarantined", quarantined.Select(m => m.Value).ToList())]);
    }

    private static string QuarantineChart(AnnualReport report)
    {
        var reasons = report.Figures.Where(f => f.Section == "art13-5" && f.Metric == "quarantined" && f.Dimension != "all").Select(f => f.Dimension)
            .Distinct(StringComparer.Ordinal).ToList();
        var months = Monthly(report, "art13-5", "quarantined", "all");
        if (reasons.Count == 0 || months.Count == 0)
        {
            return string.Empty;
        }

        return SvgBarChart.Stacked("每月隔离事件（按原因） Quarantined events per month by reason", months.Select(m => m.Period[5..] + "月").ToList(),
            reasons.Select(r => (r, (IReadOnlyList<decimal>)Monthly(report, "art13-5", "quarantined", r).Select(m => m.Value).ToList())).ToList());
    }

    private static List<Figure> Monthly(AnnualReport report, string section, string metric, string dimension) =>
        report.Figures.Where(f => f.Section == section && f.Metric == metric && f.Dimension == dimension && f.Period.Length == 7)
            .OrderBy(f => f.Period, StringComparer.Ordinal).ToList();

    private static void Policies(StringBuilder page, AnnualReport report)
    {
        page.Append("<table class=\"list\"><caption>生效的分类策略（SHA-256） Classification policies in force (SHA-256)</caption><thead><tr><th>SHA-256</th>")
            .Append("<th>首日 first day</th><th>末日 last day</th><th>每日汇总 day summaries</th></tr></thead><tbody>");
        foreach (var policy in report.Policies)
        {
            page.Append("<tr><td><code>").Append(Html.Encode(policy.Sha256)).Append("</code></td><td>").Append(HtmlReport.Day(policy.First)).Append("</td><td>")
                .Append(HtmlReport.Day(policy.Last)).Append("</td><td>").Append(Html.Encode(Figure.Format(policy.Summaries))).Append("</td></tr>");
        }

        page.Append("</tbody></table>");
    }

    private static void LedgerLists(StringBuilder page, AnnualReport report)
    {
        page.Append("<h3>台账完整性 Ledger completeness</h3><table class=\"lines\"><tbody>")
            .Append(HtmlReport.Row("缺失每日汇总的分区·日 Partition-days without a summary",
                report.MissingDays.Count == 0 ? "无 none" : string.Join(", ", report.MissingDays.GroupBy(m => m.Partition)
                    .Select(g => $"partition {g.Key}: {DayRanges.Format(g.Select(m => m.Day))}"))))
            .Append(HtmlReport.Row("未核验的日期 Days not verified", report.UnverifiedDays.Count == 0 ? "无 none" : DayRanges.Format(report.UnverifiedDays)))
            .Append(HtmlReport.Row("无法读取的文件 Unreadable documents", report.UnreadableDocuments.Count == 0 ? "无 none" : string.Join(", ", report.UnreadableDocuments)))
            .Append(HtmlReport.Row("分区 Partitions", string.Join(", ", report.Partitions.Select(p =>
                $"{p.Partition}: {HtmlReport.Day(p.First)}–{HtmlReport.Day(p.Last)} ({Figure.Format(p.Summaries)})"))))
            .Append("</tbody></table>");
    }

    private static void LateDeletions(StringBuilder page, AnnualReport report)
    {
        page.Append("<table class=\"list\"><caption>超过10个工作日的删除请求 Deletions completed after 10 working days</caption><thead><tr><th>请求 request</th>")
            .Append("<th>请求日 requested</th><th>完成日 completed</th><th>工作日 working days</th><th>期限 deadline</th></tr></thead><tbody>");
        if (report.LateDeletions.Count == 0)
        {
            page.Append("<tr><td colspan=\"5\">无 none</td></tr>");
        }

        foreach (var late in report.LateDeletions)
        {
            page.Append("<tr><td><code>").Append(Html.Encode(late.RequestId)).Append("</code></td><td>").Append(HtmlReport.Day(late.Requested)).Append("</td><td>")
                .Append(HtmlReport.Day(late.Completed)).Append("</td><td>").Append(Html.Encode(Figure.Format(late.WorkingDays))).Append("</td><td>")
                .Append(HtmlReport.Day(late.Deadline)).Append("</td></tr>");
        }

        page.Append("</tbody></table>");
    }

    private static void Thresholds(StringBuilder page, AnnualReport report)
    {
        page.Append("<table class=\"list\"><caption>自1月1日起的人数与门槛 Persons since 1 January against the thresholds</caption><thead><tr><th>门槛 threshold</th>")
            .Append("<th>数量 number</th><th>低估计 low</th><th>高估计 high</th><th>结论 status</th></tr></thead><tbody>");
        foreach (var check in report.Thresholds)
        {
            var status = check.Status switch
            {
                "above" => "超过 above",
                "below" => "未超过 below",
                _ => "无法确定，按已达到处理 undetermined: treat as reached",
            };
            page.Append("<tr><td>").Append(Html.Encode(check.Label)).Append("</td><td>").Append(Html.Encode(Figure.Format(check.Threshold))).Append("</td><td>")
                .Append(Html.Encode(Figure.Format(check.Low))).Append("</td><td>").Append(Html.Encode(Figure.Format(check.High))).Append("</td><td>")
                .Append(Html.Encode(status)).Append("</td></tr>");
        }

        page.Append("</tbody></table><p class=\"note\">人数以车辆和标识的草图估计：低估计为最大的单一草图，高估计为全部草图之并。")
            .Append("Persons are estimated from vehicle and identifier sketches: the low estimate is the largest single sketch, the high one their union ")
            .Append("(docs/report.md, \"Persons\"). 本系统未向境外提供数据；门槛用于说明若提供时适用的制度。Nothing is provided abroad; the thresholds show which regime would apply.</p>");
    }
}

/// <summary>Days written as ranges: 2026-01-03–2026-01-05, 2026-02-01.</summary>
internal static class DayRanges
{
    public static string Format(IEnumerable<DateOnly> days)
    {
        var parts = new List<string>();
        DateOnly? start = null, end = null;
        foreach (var day in days.Order())
        {
            if (end is { } e && day == e.AddDays(1))
            {
                end = day;
                continue;
            }

            Flush();
            start = end = day;
        }

        Flush();
        return string.Join(", ", parts);

        void Flush()
        {
            if (start is { } s && end is { } e)
            {
                parts.Add(s == e ? HtmlReport.Day(s) : $"{HtmlReport.Day(s)}–{HtmlReport.Day(e)}");
            }
        }
    }
}
