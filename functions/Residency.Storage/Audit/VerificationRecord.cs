using System.Buffers;
using System.Text.Json;
using Residency.Storage.Ledger;

namespace Residency.Storage.Audit;

/// <summary>
/// The write-once record of one <c>audit verify</c> run for one China Standard Time day
/// (<c>verifications/{yyyy}/{MM}/{dd}/{run}.json</c>, residency-verification/1): which partitions were checked, how
/// (every commit's blobs, or a sample), what was found, when, and who ran it. The annual report cites these records.
/// </summary>
public sealed record VerificationRecord(
    string RunId, DateOnly Day, IReadOnlyList<string> Partitions, IReadOnlyList<string> SealedPartitions, int Commits, int CommitsHashChecked,
    int? SampleCommits, IReadOnlyDictionary<string, int> ProblemsByKind, DateTimeOffset StartedAt, DateTimeOffset CompletedAt, string RanBy)
{
    /// <summary>The schema id written into every record.</summary>
    public const string Schema = "residency-verification/1";

    /// <summary>True when nothing was found wrong.</summary>
    public bool Clean => ProblemsByKind.Values.Sum() == 0;

    /// <summary>"full" when every commit's blobs were checked, else "sample".</summary>
    public string Mode => SampleCommits is null ? "full" : "sample";

    /// <summary>The record's name in the audit container.</summary>
    public string Name => BlobLayout.VerificationName(Day, RunId);

    /// <summary>The records of a run: one per day it covered, each with that day's figures.</summary>
    public static IReadOnlyList<VerificationRecord> Of(
        AuditReport report, AuditScope scope, string runId, DateTimeOffset startedAt, DateTimeOffset completedAt, string ranBy)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(scope);
        var days = scope.From is { } from
            ? Enumerable.Range(0, (scope.Until ?? from).DayNumber - from.DayNumber + 1).Select(from.AddDays)
            : report.Days.Select(d => d.Day).Distinct();
        return days.Order().Select(day =>
        {
            var checks = report.Days.Where(d => d.Day == day).ToList();
            var problems = report.Problems.Where(p => p.Day == day || p.Day is null)
                .GroupBy(p => p.Kind.ToString(), StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
            return new VerificationRecord(runId, day, checks.Select(c => c.PartitionId).ToList(), checks.Where(c => c.Sealed).Select(c => c.PartitionId).ToList(),
                checks.Sum(c => c.Commits), checks.Sum(c => c.CommitsHashChecked), scope.SampleCommits, problems, startedAt, completedAt, ranBy);
        }).ToList();
    }

    /// <summary>The record as compact UTF-8 JSON.</summary>
    public byte[] ToUtf8Json()
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("schema", Schema);
            writer.WriteString("run", RunId);
            writer.WriteString("day", ChinaDay.Format(Day));
            writer.WriteString("mode", Mode);
            if (SampleCommits is { } sample)
            {
                writer.WriteNumber("sampleCommitsPerPartition", sample);
            }

            WriteStrings(writer, "partitions", Partitions);
            WriteStrings(writer, "sealedPartitions", SealedPartitions);
            writer.WriteNumber("commits", Commits);
            writer.WriteNumber("commitsHashChecked", CommitsHashChecked);
            writer.WriteString("outcome", Clean ? "clean" : "problems");
            writer.WriteStartObject("problems");
            foreach (var (kind, count) in ProblemsByKind.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                writer.WriteNumber(kind, count);
            }

            writer.WriteEndObject();
            writer.WriteString("startedAt", StartedAt.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture));
            writer.WriteString("completedAt", CompletedAt.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture));
            writer.WriteString("ranBy", RanBy);
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Reads a record written by <see cref="ToUtf8Json"/>; throws <see cref="FormatException"/> when it is not one.</summary>
    public static VerificationRecord Read(ReadOnlySpan<byte> utf8Json)
    {
        try
        {
            var reader = new Utf8JsonReader(utf8Json);
            using var document = JsonDocument.ParseValue(ref reader);
            var root = document.RootElement;
            if (root.GetProperty("schema").GetString() != Schema)
            {
                throw new FormatException($"Not a {Schema} document.");
            }

            return new VerificationRecord(
                root.GetProperty("run").GetString()!,
                ChinaDay.Parse(root.GetProperty("day").GetString()!),
                root.GetProperty("partitions").EnumerateArray().Select(p => p.GetString()!).ToList(),
                root.GetProperty("sealedPartitions").EnumerateArray().Select(p => p.GetString()!).ToList(),
                root.GetProperty("commits").GetInt32(),
                root.GetProperty("commitsHashChecked").GetInt32(),
                root.TryGetProperty("sampleCommitsPerPartition", out var sample) ? sample.GetInt32() : null,
                root.GetProperty("problems").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt32(), StringComparer.Ordinal),
                root.GetProperty("startedAt").GetDateTimeOffset(),
                root.GetProperty("completedAt").GetDateTimeOffset(),
                root.GetProperty("ranBy").GetString()!);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or ArgumentException)
        {
            throw new FormatException($"Not a well-formed {Schema} document.", e);
        }
    }

    private static void WriteStrings(Utf8JsonWriter writer, string name, IEnumerable<string> values)
    {
        writer.WriteStartArray(name);
        foreach (var value in values)
        {
            writer.WriteStringValue(value);
        }

        writer.WriteEndArray();
    }
}
