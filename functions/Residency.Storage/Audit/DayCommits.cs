using Residency.Storage.Batches;
using Residency.Storage.Ledger;
using Residency.Storage.Sketches;
using Residency.Storage.Subjects;

namespace Residency.Storage.Audit;

/// <summary>
/// One partition's commits of one day as a verification reads them, in sequence order: the gaps and overlaps between
/// them, their totals added up for the summary, a compact record of which blobs they name (for the orphan check),
/// and their blobs checked, all of them or a random sample (reservoir sampling, so nothing waits for the whole day).
/// Holds a few dozen bytes per commit and the sample, never the records themselves.
/// </summary>
internal sealed class DayCommits
{
    private static readonly Dictionary<string, HyperLogLog> NoCategories = [];
    private readonly AuditScope _scope;
    private readonly Action<AuditProblem> _report;
    private readonly DateOnly _day;
    private readonly string _partitionId;
    private readonly Dictionary<long, (long Last, string Attempt, int Containers)> _byFirst = [];
    private readonly Dictionary<long, string> _quarantineAttempts = [];
    private readonly List<CommitRecord> _sample = [];
    private readonly Random _random;
    private (long Last, string Name)? _previous;

    public DayCommits(DateOnly day, string partitionId, long before, AuditScope scope, Action<AuditProblem> report)
    {
        (_day, _partitionId, _scope, _report) = (day, partitionId, scope, report);
        Totals = DayTotals.Empty(day, partitionId, before);

        // A sample is drawn from the run's seed, the day and the partition, so a run can be repeated exactly.
        _random = new Random(scope.SampleSeed + (day.DayNumber * 31) + partitionId.Sum(c => c));
    }

    /// <summary>The day's totals added up from its commit records (vehicles per category excepted: records do not carry them).</summary>
    public DayTotals Totals { get; }

    public int Count { get; private set; }

    public int HashChecked { get; private set; }

    public long Erased { get; private set; }

    public int LevelBlobs { get; private set; }

    public bool Has(CommitRecord record) => _byFirst.TryGetValue(record.First, out var named) && named.Last == record.Last;

    /// <summary>Adds the next commit (in sequence order) and, unless a sample is asked for, checks its blobs.</summary>
    public async Task AddAsync(CommitRecord record, AuditReader reader, IReadOnlyDictionary<string, List<ErasedBlob>> receipts, CancellationToken cancellationToken)
    {
        if (_previous is { } previous)
        {
            if (record.First > previous.Last + 1)
            {
                Report(AuditProblemKind.Gap, $"sequence numbers {previous.Last + 1}-{record.First - 1} are in no commit");
            }
            else if (record.First <= previous.Last)
            {
                Report(AuditProblemKind.Overlap, $"commits {previous.Name} and {record.Name} overlap");
            }
        }

        _previous = record.Last > (_previous?.Last ?? -1) ? (record.Last, record.Name) : _previous;
        Totals.Add(record, NoCategories);
        var containers = record.Blobs.Aggregate(0, (mask, blob) => mask | ContainerBit(blob.Container));
        _byFirst[record.First] = (record.Last, record.AttemptId, containers);
        foreach (var entry in record.Quarantined)
        {
            _quarantineAttempts[entry.SequenceNumber] = record.AttemptId;
        }

        Count++;
        LevelBlobs += record.Blobs.Count;
        if (_scope.SampleCommits is not { } size)
        {
            await CheckAsync(record, reader, receipts, cancellationToken).ConfigureAwait(false);
        }
        else if (_sample.Count < size)
        {
            _sample.Add(record);
        }
        else if (_random.Next(Count) is var slot && slot < size)
        {
            _sample[slot] = record;
        }
    }

    /// <summary>Checks the blobs of the sampled commits (nothing when every commit was checked as it came).</summary>
    public async Task CheckSampleAsync(AuditReader reader, IReadOnlyDictionary<string, List<ErasedBlob>> receipts, CancellationToken cancellationToken)
    {
        foreach (var record in _sample.OrderBy(r => r.First))
        {
            await CheckAsync(record, reader, receipts, cancellationToken).ConfigureAwait(false);
        }

        _sample.Clear();
    }

    /// <summary>True when a commit of the day names this level blob or quarantine entry.</summary>
    public bool Names(string container, string name)
    {
        if (container == ResidencyContainers.Quarantine)
        {
            // {yyyy}/{MM}/{dd}/{partition}/{sequence:D20}/{reason}.{attempt}.json
            var parts = name.Split('/');
            return parts.Length == 6 && long.TryParse(parts[4], out var sequence)
                && _quarantineAttempts.TryGetValue(sequence, out var attempt) && parts[5].EndsWith($".{attempt}.json", StringComparison.Ordinal);
        }

        return BlobLayout.TryParseLevelBlobName(name, out var parsed) && parsed.Date == _day && parsed.PartitionId == _partitionId
            && _byFirst.TryGetValue(parsed.First, out var named) && named.Last == parsed.Last && named.Attempt == parsed.AttemptId
            && (named.Containers & ContainerBit(container)) != 0;
    }

    private async Task CheckAsync(CommitRecord record, AuditReader reader, IReadOnlyDictionary<string, List<ErasedBlob>> receipts, CancellationToken cancellationToken)
    {
        var tally = await CommitBlobCheck.RunAsync(record, reader, receipts, _report, cancellationToken).ConfigureAwait(false);
        HashChecked++;
        Erased += tally.Erased;
    }

    private static int ContainerBit(string container) => 1 << Math.Max(0, ResidencyContainers.Levels.ToList().IndexOf(container));

    private void Report(AuditProblemKind kind, string detail) => _report(new AuditProblem(kind, _partitionId, detail) { Day = _day });
}
