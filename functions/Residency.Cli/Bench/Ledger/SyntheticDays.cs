using System.Globalization;
using System.Text;
using Residency.Storage.Batches;
using Residency.Storage.Ledger;

namespace Residency.Cli.Bench.Ledger;

/// <summary>
/// Synthetic batches for the ledger benchmark, committed straight through the store (not through the classifier):
/// realistic shapes (a general, a personal and every third event a sensitive fragment; 1% quarantined; a fleet of
/// vehicles round-robin) so that blob sizes, commit records and sketches look like production's.
/// </summary>
internal static class SyntheticDays
{
    public const string Policy = "0000000000000000000000000000000000000000000000000000000000000000";

    /// <summary>One batch of a partition: events <paramref name="first"/>.. enqueued on <paramref name="day"/>.</summary>
    public static PreparedBatch Batch(string partition, long first, int count, DateOnly day, IReadOnlyList<string> vehicles)
    {
        var start = ChinaDay.StartOf(day).AddHours(1);
        var events = new List<PreparedEvent>(count);
        for (var sequence = first; sequence < first + count; sequence++)
        {
            var enqueued = start.AddMilliseconds(sequence % 1_000_000);
            if (sequence % 100 == 42)
            {
                events.Add(PreparedEvent.Quarantined(sequence, enqueued, null,
                    new QuarantineItem(Encoding.UTF8.GetBytes("{ not json"), "invalid-json", "$: not a JSON document")));
                continue;
            }

            var vehicle = vehicles[(int)(sequence % vehicles.Count)];
            var s = sequence.ToString(CultureInfo.InvariantCulture);
            var fragments = new List<FragmentToStore>
            {
                new("general", Encoding.UTF8.GetBytes($"{{\"messageId\":\"m-{s}\",\"vehicleKey\":\"{vehicle}\",\"capturedAt\":\"2026-11-22T08:15:30.123Z\",\"signals\":{{\"speedKph\":{sequence % 120},\"socPercent\":{sequence % 100},\"odometerKm\":{18000 + (sequence % 5000)}}}}}")),
                new("personal", Encoding.UTF8.GetBytes($"{{\"messageId\":\"m-{s}\",\"vehicleKey\":\"{vehicle}\",\"capturedAt\":\"2026-11-22T08:15:30.123Z\",\"vin\":\"LSJA24U62JG269225\"}}")),
            };
            if (sequence % 3 == 0)
            {
                fragments.Add(new("sensitive", Encoding.UTF8.GetBytes($"{{\"messageId\":\"m-{s}\",\"vehicleKey\":\"{vehicle}\",\"location\":{{\"lat\":39.{sequence % 99999:D5},\"lon\":116.{sequence % 88888:D5}}}}}")));
            }

            var facts = new EventFacts([new CategoryCount("vehicle-state", 3), new CategoryCount("identifier", 1)], [new SubjectKey("account", ulong.Parse(vehicle.AsSpan(0, 16), NumberStyles.HexNumber, CultureInfo.InvariantCulture))], 0, 0);
            events.Add(PreparedEvent.Stored(sequence, enqueued, null, vehicle, fragments, facts));
        }

        return new PreparedBatch(partition, Policy, events);
    }
}
