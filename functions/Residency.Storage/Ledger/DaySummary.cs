using System.Buffers;
using System.Security.Cryptography;
using System.Text.Json;

namespace Residency.Storage.Ledger;

/// <summary>A deletion receipt a day summary names: its name in the audit container and its SHA-256.</summary>
public sealed record ReceiptRef(string Name, string Sha256);

/// <summary>
/// The write-once summary of one partition's China Standard Time day (docs/storage.md, "Day ledger"): the day's
/// totals, the deletion receipts completed that day, and the SHA-256 of the partition's previous day summary, so
/// deleting or editing a day breaks the chain. Its JSON is deterministic: whoever seals the day writes the same bytes.
/// </summary>
public sealed class DaySummary
{
    /// <summary>The schema id written into every summary.</summary>
    public const string Schema = "residency-day/1";

    private byte[]? _json;

    /// <summary>Creates a summary.</summary>
    public DaySummary(DayTotals totals, DayLink? previous, IReadOnlyList<ReceiptRef> receipts)
    {
        ArgumentNullException.ThrowIfNull(totals);
        ArgumentNullException.ThrowIfNull(receipts);
        Totals = totals;
        Previous = previous;
        Receipts = receipts.OrderBy(r => r.Name, StringComparer.Ordinal).ToList();
    }

    /// <summary>What the partition committed that day.</summary>
    public DayTotals Totals { get; }

    /// <summary>The partition's previous day summary, or null for its first.</summary>
    public DayLink? Previous { get; }

    /// <summary>The deletion receipts completed that day, in name order.</summary>
    public IReadOnlyList<ReceiptRef> Receipts { get; }

    /// <summary>The day.</summary>
    public DateOnly Day => Totals.Day;

    /// <summary>The summary's name in the audit container.</summary>
    public string Name => BlobLayout.DaySummaryName(Totals.Day, Totals.PartitionId);

    /// <summary>The SHA-256 of the summary's bytes: the next day's link to it.</summary>
    public string Sha256 => Convert.ToHexStringLower(SHA256.HashData(ToUtf8Json()));

    /// <summary>This summary as the next day's link.</summary>
    public DayLink Link => new(Day, Sha256);

    /// <summary>The summary as compact UTF-8 JSON.</summary>
    public byte[] ToUtf8Json()
    {
        if (_json is not null)
        {
            return _json;
        }

        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("schema", Schema);
            writer.WriteString("timeZone", "UTC+08:00");
            Totals.WriteMembers(writer);
            writer.WriteStartArray("deletions");
            foreach (var receipt in Receipts)
            {
                writer.WriteStartObject();
                writer.WriteString("name", receipt.Name);
                writer.WriteString("sha256", receipt.Sha256);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WritePropertyName("previous");
            WriteLink(writer, Previous);
            writer.WriteEndObject();
        }

        return _json = buffer.WrittenSpan.ToArray();
    }

    /// <summary>Reads a summary; throws <see cref="FormatException"/> when the bytes are not one.</summary>
    public static DaySummary Read(ReadOnlySpan<byte> utf8Json)
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

            var receipts = root.GetProperty("deletions").EnumerateArray()
                .Select(r => new ReceiptRef(r.GetProperty("name").GetString()!, r.GetProperty("sha256").GetString()!)).ToList();
            // The bytes read are the summary: its hash is theirs, whatever a writer of today would produce.
            return new DaySummary(DayTotals.Read(root), ReadLink(root.GetProperty("previous")), receipts) { _json = utf8Json.ToArray() };
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or ArgumentException)
        {
            throw new FormatException($"Not a well-formed {Schema} document.", e);
        }
    }

    /// <summary>Writes a chain link, or null.</summary>
    public static void WriteLink(Utf8JsonWriter writer, DayLink? link)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (link is null)
        {
            writer.WriteNullValue();
            return;
        }

        writer.WriteStartObject();
        writer.WriteString("day", ChinaDay.Format(link.Day));
        writer.WriteString("sha256", link.Sha256);
        writer.WriteEndObject();
    }

    /// <summary>Reads a chain link written by <see cref="WriteLink"/>.</summary>
    public static DayLink? ReadLink(JsonElement element) => element.ValueKind == JsonValueKind.Null
        ? null
        : new DayLink(ChinaDay.Parse(element.GetProperty("day").GetString()!), element.GetProperty("sha256").GetString()!);
}
