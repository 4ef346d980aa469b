using System.Buffers;
using System.Globalization;
using System.Text.Json;
using Residency.Reporting.Model;

namespace Residency.Reporting.Rendering;

/// <summary>
/// report.json (schema residency-annual-report/1, docs/report.md): the period, the sources read, every figure with its
/// source, every item in words (null text: to be completed), the ledger's findings, the thresholds and the checks.
/// </summary>
public static class ReportJson
{
    /// <summary>The report as indented UTF-8 JSON.</summary>
    public static byte[] Write(AnnualReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var buffer = new ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteString("schema", AnnualReport.Schema);
            w.WriteNumber("year", report.Year);
            w.WriteString("from", Day(new DateOnly(report.Year, 1, 1)));
            w.WriteString("through", Day(report.Through));
            if (report.LastDayWithData is { } last)
            {
                w.WriteString("lastDayWithData", Day(last));
            }
            else
            {
                w.WriteNull("lastDayWithData");
            }

            w.WriteString("generatedAt", report.GeneratedAt.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
            w.WriteBoolean("draft", report.Draft);
            w.WriteString("account", report.Account);
            w.WriteString("region", report.Region);
            w.WriteStartArray("missingItems");
            foreach (var id in report.MissingItems)
            {
                w.WriteStringValue(id);
            }

            w.WriteEndArray();
            Array(w, "sources", report.Sources, (s) =>
            {
                w.WriteString("id", s.Id);
                w.WriteString("description", s.Description);
                w.WriteString("location", s.Location);
                w.WriteNumber("documents", s.Documents);
            });
            Array(w, "figures", report.Figures, f =>
            {
                w.WriteString("id", f.Id);
                w.WriteString("section", f.Section);
                w.WriteString("metric", f.Metric);
                w.WriteString("dimension", f.Dimension);
                w.WriteString("period", f.Period);
                w.WriteNumber("value", f.Value);
                w.WriteString("unit", f.Unit);
                if (f.ErrorBound is { } bound)
                {
                    w.WriteNumber("errorBound", bound);
                    w.WriteString("errorBoundMeaning", "two standard errors of the HyperLogLog estimate (about 95%)");
                }

                w.WriteStartObject("source");
                w.WriteString("set", f.Source.Set);
                w.WriteString("field", f.Source.Field);
                w.WriteNumber("documents", f.Source.Documents);
                w.WriteEndObject();
            });
            Array(w, "statements", report.Statements, s =>
            {
                w.WriteString("id", s.Id);
                w.WriteString("section", s.Section);
                w.WriteString("label", s.Label);
                if (s.Text is null)
                {
                    w.WriteNull("text");
                }
                else
                {
                    w.WriteString("text", s.Text);
                }

                w.WriteString("source", s.Source);
            });
            Array(w, "partitions", report.Partitions, p =>
            {
                w.WriteString("partition", p.Partition);
                w.WriteString("first", Day(p.First));
                w.WriteString("last", Day(p.Last));
                w.WriteNumber("summaries", p.Summaries);
            });
            Array(w, "missingDays", report.MissingDays, m =>
            {
                w.WriteString("partition", m.Partition);
                w.WriteString("day", Day(m.Day));
            });
            w.WriteStartArray("unverifiedDays");
            foreach (var day in report.UnverifiedDays)
            {
                w.WriteStringValue(Day(day));
            }

            w.WriteEndArray();
            w.WriteStartArray("unreadableDocuments");
            foreach (var name in report.UnreadableDocuments)
            {
                w.WriteStringValue(name);
            }

            w.WriteEndArray();
            Array(w, "lateDeletions", report.LateDeletions, l =>
            {
                w.WriteString("requestId", l.RequestId);
                w.WriteString("receipt", l.Receipt);
                w.WriteString("requested", Day(l.Requested));
                w.WriteString("completed", Day(l.Completed));
                w.WriteNumber("workingDays", l.WorkingDays);
                w.WriteString("deadline", Day(l.Deadline));
            });
            Array(w, "policies", report.Policies, p =>
            {
                w.WriteString("sha256", p.Sha256);
                w.WriteString("first", Day(p.First));
                w.WriteString("last", Day(p.Last));
                w.WriteNumber("summaries", p.Summaries);
            });
            Array(w, "thresholds", report.Thresholds, t =>
            {
                w.WriteString("id", t.Id);
                w.WriteString("label", t.Label);
                w.WriteNumber("threshold", t.Threshold);
                w.WriteNumber("low", t.Low);
                w.WriteNumber("high", t.High);
                w.WriteString("status", t.Status);
                w.WriteString("basis", t.Basis);
            });
            Array(w, "checks", report.Checks, c =>
            {
                w.WriteString("id", c.Id);
                w.WriteString("label", c.Label);
                w.WriteBoolean("passed", c.Passed);
                w.WriteString("detail", c.Detail);
            });
            w.WriteEndObject();
        }

        var json = buffer.WrittenSpan.ToArray();
        using var document = JsonDocument.Parse(json);
        if (SensitiveText.FirstIn(document.RootElement) is { } found)
        {
            // Nothing the ledger holds can produce one; a facts value was checked on reading. A bug if reached.
            throw new InvalidOperationException($"report.json would hold what looks like a {found.Kind} at {found.Path}.");
        }

        return json;
    }

    private static void Array<T>(Utf8JsonWriter writer, string name, IEnumerable<T> items, Action<T> members)
    {
        writer.WriteStartArray(name);
        foreach (var item in items)
        {
            writer.WriteStartObject();
            members(item);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
