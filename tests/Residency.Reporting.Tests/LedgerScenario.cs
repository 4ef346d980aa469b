using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Residency.Storage;
using Residency.Storage.Audit;
using Residency.Storage.Batches;
using Residency.Storage.Ledger;
using Residency.Storage.Subjects;
using Residency.Testing;

namespace Residency.Reporting.Tests;

/// <summary>
/// A year of ledger made through the real <see cref="ResidencyStore"/>: batches of two fresh partitions on several China
/// Standard Time days (one enqueued at 00:30 China time, the day before in UTC), the days sealed, all but one day
/// verified, and deletion and access receipts. Holds what was generated, to compare the report with.
/// </summary>
internal sealed class LedgerScenario
{
    private static readonly string[] Reasons = ["invalid-json", "missing-field"];

    private LedgerScenario(int year, IReadOnlyList<DateOnly> days, IReadOnlyList<string> partitions)
    {
        Year = year;
        Days = days;
        Partitions = partitions;
    }

    public int Year { get; }

    /// <summary>The China days with batches.</summary>
    public IReadOnlyList<DateOnly> Days { get; }

    public IReadOnlyList<string> Partitions { get; }

    /// <summary>The day left without a verification record.</summary>
    public DateOnly Unverified => Days[1];

    /// <summary>The day sealing stops before.</summary>
    public DateOnly Today => Days[^1].AddDays(3);

    /// <summary>Vehicle keys with a line at each level, as generated.</summary>
    public Dictionary<string, HashSet<string>> VehiclesByLevel { get; } = new(StringComparer.Ordinal);

    /// <summary>Person hashes per identifier kind, as generated.</summary>
    public Dictionary<string, HashSet<ulong>> PersonsByKind { get; } = new(StringComparer.Ordinal);

    /// <summary>Late deletion: the id of the one deletion completed after the deadline.</summary>
    public string LateDeletionId { get; } = "1a2b3c4d5e6f7a8b";

    public static async Task<LedgerScenario> CreateAsync(AzuriteFixture azurite, int year)
    {
        var days = new[] { new DateOnly(year, 1, 30), new DateOnly(year, 1, 31), new DateOnly(year, 2, 1), new DateOnly(year, 3, 10) };
        var partitions = new[] { "r" + Guid.NewGuid().ToString("N")[..10], "r" + Guid.NewGuid().ToString("N")[..10] };
        var scenario = new LedgerScenario(year, days, partitions);
        var store = await azurite.CreateStoreAsync();
        var client = azurite.CreateClient();
        await scenario.WriteReceiptsAsync(client.GetBlobContainerClient(ResidencyContainers.Audit));

        var vehicles = Enumerable.Range(0, 120).Select(_ => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32))).ToList();
        foreach (var partition in partitions)
        {
            long sequence = 0;
            foreach (var day in days)
            {
                // The first batch starts 00:30 China time (16:30 UTC the day before), the second mid-morning.
                foreach (var start in new[] { ChinaDay.StartOf(day).AddMinutes(30), ChinaDay.StartOf(day).AddHours(10) })
                {
                    var events = new List<PreparedEvent>();
                    for (var i = 0; i < 60; i++, sequence++)
                    {
                        events.Add(scenario.Event(sequence, start.AddSeconds(i), vehicles[(int)((sequence * 7) % vehicles.Count)]));
                    }

                    await store.CommitBatchAsync(new PreparedBatch(partition, Policy(day), events));
                }
            }
        }

        await store.CloseDaysAsync(scenario.Today);
        var verifier = new AuditVerifier(client);
        foreach (var day in Enumerable.Range(0, scenario.Today.DayNumber - days[0].DayNumber).Select(days[0].AddDays).Where(d => d != scenario.Unverified))
        {
            var scope = new AuditScope { From = day, Until = day, Partitions = partitions };
            var report = await verifier.VerifyAsync(scope);
            var now = DateTimeOffset.UtcNow;
            await verifier.RecordAsync(VerificationRecord.Of(report, scope, BlobLayout.NewAttemptId(), now, now, "tests"));
        }

        return scenario;
    }

    /// <summary>The policy stamp: one before March, another from March (two policies in force during the year).</summary>
    public static string Policy(DateOnly day) => day.Month < 3 ? new string('a', 64) : new string('b', 64);

    private PreparedEvent Event(long sequence, DateTimeOffset enqueued, string vehicle)
    {
        if (sequence % 9 == 4)
        {
            return PreparedEvent.Quarantined(sequence, enqueued, null,
                new QuarantineItem(Encoding.UTF8.GetBytes("{"), Reasons[sequence % 2], "$: not a JSON document"));
        }

        var levels = new List<string> { "general", "personal" };
        if (sequence % 3 == 0)
        {
            levels.Add("sensitive");
        }

        if (sequence % 5 == 0)
        {
            levels.Add("important");
        }

        var categories = new List<CategoryCount> { new("envelope", 3), new("identifier", 1) };
        var subjects = new List<SubjectKey> { Subject("phone", vehicle) };
        if (levels.Contains("sensitive"))
        {
            categories.Add(new("location", 2));
            subjects.Add(Subject("resident-id", vehicle));
        }

        if (levels.Contains("important"))
        {
            categories.Add(new("exterior-media", 1));
        }

        foreach (var level in levels)
        {
            Add(VehiclesByLevel, level, vehicle);
        }

        foreach (var subject in subjects)
        {
            Add(PersonsByKind, subject.Kind, subject.Hash);
        }

        var fragments = levels.Select(level => new FragmentToStore(level, Encoding.UTF8.GetBytes(
            $$"""{"messageId":"m-{{sequence}}","vehicleKey":"{{vehicle}}","level":"{{level}}"}"""))).ToList();
        var facts = new EventFacts(categories, subjects, sequence % 10 == 0 ? 1 : 0, levels.Contains("important") ? 2 : 0);
        return PreparedEvent.Stored(sequence, enqueued, null, vehicle, fragments, facts);
    }

    // A keyed hash of an identifier stands for a person; here one per vehicle and kind.
    private static SubjectKey Subject(string kind, string vehicle) =>
        new(kind, BitConverter.ToUInt64(SHA256.HashData(Encoding.UTF8.GetBytes(kind + vehicle)), 0));

    private async Task WriteReceiptsAsync(Azure.Storage.Blobs.BlobContainerClient audit)
    {
        var deletions = new[]
        {
            (Id: "0a0b0c0d0e0f0a0b", Requested: Cst(Year, 3, 2, 9), Completed: Cst(Year, 3, 3, 15)),
            (Id: LateDeletionId, Requested: Cst(Year, 2, 12, 18), Completed: Cst(Year, 3, 5, 11)),
            (Id: "0f0e0d0c0b0a0f0e", Requested: Cst(Year, 1, 30, 8), Completed: Cst(Year, 2, 9, 8)),
        };
        foreach (var (id, requested, completed) in deletions)
        {
            var receipt = new DeletionReceipt(id, new string('c', 64), requested, completed, [], 0, 0);
            await audit.UploadBlobAsync(receipt.Name, BinaryData.FromBytes(receipt.ToUtf8Json()));
        }

        foreach (var (id, requested, completed) in new[] { ("0123456789abcdef", Cst(Year, 1, 30, 9), Cst(Year, 1, 31, 9)), ("fedcba9876543210", Cst(Year, 2, 13, 9), Cst(Year, 2, 24, 9)) })
        {
            var json = JsonSerializer.Serialize(new Dictionary<string, object>
            {
                ["schema"] = "residency-access/1", ["requestId"] = id, ["vehicleKey"] = new string('d', 64),
                ["requestedAt"] = requested.ToString("O", CultureInfo.InvariantCulture), ["completedAt"] = completed.ToString("O", CultureInfo.InvariantCulture), ["lines"] = 12,
            });
            await audit.UploadBlobAsync($"accesses/{ChinaDay.Folder(ChinaDay.Of(completed))}/{id}.json", BinaryData.FromString(json));
        }
    }

    private static DateTimeOffset Cst(int year, int month, int day, int hour) => new(year, month, day, hour, 0, 0, ChinaDay.Offset);

    private static void Add<T>(Dictionary<string, HashSet<T>> sets, string key, T value)
    {
        if (!sets.TryGetValue(key, out var set))
        {
            sets[key] = set = [];
        }

        set.Add(value);
    }
}
