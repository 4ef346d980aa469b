using System.Text.Json;
using Residency.Storage.Batches;
using Residency.Storage.Sketches;

namespace Residency.Storage.Ledger;

/// <summary>
/// A partition's day ledger as its head carries it: the last sealed day (the chain's tip), the open day's running
/// totals, and the summaries sealed but not yet known to be in the audit container. Sealing happens when a batch of a
/// later day commits, or when the day-closing timer finds a day over: every day from the open one up to the day before
/// is sealed in order (a day without traffic gets an empty summary), each linked to the one before.
/// </summary>
public sealed record PartitionLedger(DayLink? LastClosed, DayTotals? Open, IReadOnlyList<DaySummary> Closing)
{
    /// <summary>A partition with no day yet.</summary>
    public static PartitionLedger Empty { get; } = new(null, null, []);

    /// <summary>The first day not sealed yet, or null for a partition with no day yet.</summary>
    public DateOnly? FirstOpenDay => Open?.Day ?? LastClosed?.Day.AddDays(1);

    /// <summary>
    /// The day a batch belongs to: the China Standard Time day of its first event, or the first day still open when
    /// that one is sealed already (events enqueued before midnight that arrive after the day was closed).
    /// </summary>
    public DateOnly DayFor(DateOnly eventDay) => FirstOpenDay is { } open && open > eventDay ? open : eventDay;

    /// <summary>The days a move to <paramref name="day"/> seals, oldest first (empty when none).</summary>
    public IReadOnlyList<DateOnly> DaysSealedBefore(DateOnly day)
    {
        var days = new List<DateOnly>();
        for (var d = FirstOpenDay ?? day; d < day; d = d.AddDays(1))
        {
            days.Add(d);
        }

        return days;
    }

    /// <summary>
    /// The ledger after a commit of <paramref name="day"/> made when the partition was committed through
    /// <paramref name="committedThrough"/>: earlier days sealed, the commit added to its day.
    /// </summary>
    public PartitionLedger Commit(
        DateOnly day, long committedThrough, CommitRecord record, IReadOnlyDictionary<string, HyperLogLog> vehiclesByCategory,
        Func<DateOnly, IReadOnlyList<ReceiptRef>> receipts)
    {
        ArgumentNullException.ThrowIfNull(record);
        var sealedUpTo = SealBefore(day, record.PartitionId, committedThrough, receipts);
        var open = sealedUpTo.Open ?? DayTotals.Empty(day, record.PartitionId, committedThrough);
        return sealedUpTo with { Open = open.Plus(record, vehiclesByCategory) };
    }

    /// <summary>
    /// The ledger with every day before <paramref name="today"/> sealed (the day-closing timer); days without commits
    /// begin at <paramref name="committedThrough"/>.
    /// </summary>
    public PartitionLedger SealBefore(DateOnly today, string partitionId, long committedThrough, Func<DateOnly, IReadOnlyList<ReceiptRef>> receipts)
    {
        ArgumentNullException.ThrowIfNull(receipts);
        var tip = LastClosed;
        var open = Open;
        var closing = Closing.ToList();
        foreach (var day in DaysSealedBefore(today))
        {
            var totals = open is { } o && o.Day == day ? o : DayTotals.Empty(day, partitionId, committedThrough);
            var summary = new DaySummary(totals, tip, receipts(day));
            closing.Add(summary);
            tip = summary.Link;
            open = null;
        }

        return new PartitionLedger(tip, open, closing);
    }

    /// <summary>The ledger without the sealed summaries already known to be written.</summary>
    public PartitionLedger Without(Func<DaySummary, bool> written) =>
        Closing.Any(written) ? this with { Closing = Closing.Where(s => !written(s)).ToList() } : this;

    /// <summary>Writes the ledger as one JSON object (sealed summaries as their exact bytes).</summary>
    public void WriteTo(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        writer.WritePropertyName("lastClosed");
        DaySummary.WriteLink(writer, LastClosed);
        writer.WritePropertyName("open");
        if (Open is null)
        {
            writer.WriteNullValue();
        }
        else
        {
            writer.WriteStartObject();
            Open.WriteMembers(writer);
            writer.WriteEndObject();
        }

        writer.WriteStartArray("closing");
        foreach (var summary in Closing)
        {
            writer.WriteBase64StringValue(summary.ToUtf8Json());
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    /// <summary>Reads a ledger written by <see cref="WriteTo"/>.</summary>
    public static PartitionLedger Read(JsonElement element)
    {
        var open = element.GetProperty("open");
        return new PartitionLedger(
            DaySummary.ReadLink(element.GetProperty("lastClosed")),
            open.ValueKind == JsonValueKind.Null ? null : DayTotals.Read(open),
            element.GetProperty("closing").EnumerateArray().Select(s => DaySummary.Read(s.GetBytesFromBase64())).ToList());
    }
}
