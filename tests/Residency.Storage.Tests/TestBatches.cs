using System.Security.Cryptography;
using System.Text;
using Residency.Storage.Batches;

namespace Residency.Storage.Tests;

/// <summary>Builds prepared batches with fresh partitions and vehicle keys, so tests sharing one Azurite never meet.</summary>
internal static class TestBatches
{
    public static readonly DateTimeOffset Enqueued = new(2026, 11, 22, 8, 15, 30, 123, TimeSpan.Zero);

    public const string Policy = "0000000000000000000000000000000000000000000000000000000000000000";

    public static string NewPartition() => "t" + Guid.NewGuid().ToString("N")[..12];

    public static string NewVehicleKey() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));

    public static string Sha256(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    /// <summary>
    /// Events <paramref name="first"/>..<paramref name="last"/>: every seventh quarantined, the others a general and a
    /// personal fragment, every third also sensitive; vehicles taken round-robin from <paramref name="vehicles"/>.
    /// </summary>
    public static List<PreparedEvent> Events(long first, long last, IReadOnlyList<string>? vehicles = null, DateTimeOffset? enqueuedAtZero = null)
    {
        vehicles ??= [NewVehicleKey(), NewVehicleKey(), NewVehicleKey()];
        var events = new List<PreparedEvent>();
        for (var sequence = first; sequence <= last; sequence++)
        {
            events.Add(Event(sequence, vehicles[(int)(sequence % vehicles.Count)], enqueuedAtZero));
        }

        return events;
    }

    /// <summary>One event, enqueued <paramref name="sequence"/> seconds after <paramref name="enqueuedAtZero"/> (default <see cref="Enqueued"/>).</summary>
    public static PreparedEvent Event(long sequence, string vehicleKey, DateTimeOffset? enqueuedAtZero = null)
    {
        var enqueued = (enqueuedAtZero ?? Enqueued).AddSeconds(sequence);
        if (sequence % 7 == 3)
        {
            return PreparedEvent.Quarantined(sequence, enqueued, (sequence * 10).ToString(System.Globalization.CultureInfo.InvariantCulture),
                new QuarantineItem(Encoding.UTF8.GetBytes($"not json {sequence}"), "invalid-json", "$: not a JSON document"));
        }

        var fragments = new List<FragmentToStore>
        {
            new("general", Json($"{{\"messageId\":\"m-{sequence}\",\"vehicleKey\":\"{vehicleKey}\",\"signals\":{{\"speedKph\":{sequence % 120}}}}}")),
            new("personal", Json($"{{\"messageId\":\"m-{sequence}\",\"vehicleKey\":\"{vehicleKey}\",\"vin\":\"LSJA24U62JG269225\"}}")),
        };
        if (sequence % 3 == 0)
        {
            fragments.Add(new("sensitive", Json($"{{\"messageId\":\"m-{sequence}\",\"vehicleKey\":\"{vehicleKey}\",\"location\":{{\"lat\":39.9,\"lon\":116.4}}}}")));
        }

        return PreparedEvent.Stored(sequence, enqueued, null, vehicleKey, fragments);
    }

    public static PreparedBatch Batch(string partition, IEnumerable<PreparedEvent> events) => new(partition, Policy, events.ToList());

    private static byte[] Json(string text) => Encoding.UTF8.GetBytes(text);
}
