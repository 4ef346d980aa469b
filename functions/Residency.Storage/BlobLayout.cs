using System.Globalization;
using System.Text.RegularExpressions;

namespace Residency.Storage;

/// <summary>
/// Blob names of the residency account (docs/storage.md). Only validated, path-safe values shape a name:
/// device text never does, and no name holds a VIN, an identifier or a coordinate.
/// </summary>
public static partial class BlobLayout
{
    private const string LevelBlobSuffix = ".ndjson.gz";

    /// <summary>
    /// A batch's blob in a level container: <c>{yyyy}/{MM}/{dd}/{partition}/{first:D20}-{last:D20}-{attempt}.ndjson.gz</c>.
    /// The attempt id makes every write attempt's blobs its own, so no attempt ever overwrites another's.
    /// </summary>
    public static string LevelBlobName(DateOnly date, string partitionId, long first, long last, string attemptId)
    {
        EnsureRange(first, last);
        EnsureAttemptId(attemptId);
        return string.Create(CultureInfo.InvariantCulture,
            $"{LevelBlobPrefix(date, partitionId)}{first:D20}-{last:D20}-{attemptId}{LevelBlobSuffix}");
    }

    /// <summary>The folder of one day and partition in a level container: <c>{yyyy}/{MM}/{dd}/{partition}/</c>.</summary>
    public static string LevelBlobPrefix(DateOnly date, string partitionId) => DayPartitionPrefix(date, partitionId);

    /// <summary>Reads a name written by <see cref="LevelBlobName"/>; false for anything else.</summary>
    public static bool TryParseLevelBlobName(string name, out LevelBlobName parsed)
    {
        parsed = default;
        var match = LevelBlobPattern().Match(name ?? string.Empty);
        if (!match.Success
            || !DateOnly.TryParseExact(match.Groups["date"].Value, "yyyy'/'MM'/'dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            || !long.TryParse(match.Groups["first"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var first)
            || !long.TryParse(match.Groups["last"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var last)
            || last < first)
        {
            return false;
        }

        parsed = new LevelBlobName(date, match.Groups["partition"].Value, first, last, match.Groups["attempt"].Value);
        return true;
    }

    /// <summary>
    /// One quarantined event of one write attempt, in its batch's day:
    /// <c>{yyyy}/{MM}/{dd}/{partition}/{sequence:D20}/{reason}.{attempt}.json</c>.
    /// </summary>
    public static string QuarantineName(DateOnly day, string partitionId, long sequenceNumber, string reasonCode, string attemptId)
    {
        EnsureAttemptId(attemptId);
        EnsureSequenceNumber(sequenceNumber, nameof(sequenceNumber));
        return string.Create(CultureInfo.InvariantCulture,
            $"{DayPartitionPrefix(day, partitionId)}{sequenceNumber:D20}/{CheckedReason(reasonCode)}.{attemptId}.json");
    }

    /// <summary>The batches of one day and partition in a level or quarantine container: <c>{yyyy}/{MM}/{dd}/{partition}/</c>.</summary>
    public static string DayPartitionPrefix(DateOnly day, string partitionId)
    {
        EnsurePartitionId(partitionId);
        return string.Create(CultureInfo.InvariantCulture, $"{day:yyyy'/'MM'/'dd}/{partitionId}/");
    }

    /// <summary>
    /// A whole invocation request that was not the host's envelope: <c>{pseudo partition}/{hash:D20}/{reason}.json</c>,
    /// the hash being the first 63 bits of the request's SHA-256, so a redelivered request maps to the same entry.
    /// </summary>
    public static string InvocationQuarantineName(string pseudoPartitionId, ReadOnlySpan<byte> request, string reasonCode) =>
        string.Create(CultureInfo.InvariantCulture,
            $"{QuarantinePrefix(pseudoPartitionId, RequestHash(request))}{CheckedReason(reasonCode)}.json");

    /// <summary>
    /// A request too large to read, streamed as it came: <c>{pseudo partition}/{received UTC ticks:D20}/{reason}.{id}.bin</c>.
    /// </summary>
    public static string StreamedQuarantineName(string pseudoPartitionId, DateTimeOffset receivedAt, string reasonCode) =>
        string.Create(CultureInfo.InvariantCulture,
            $"{QuarantinePrefix(pseudoPartitionId, receivedAt.UtcTicks)}{CheckedReason(reasonCode)}.{NewAttemptId()}.bin");

    /// <summary>The first 63 bits of the SHA-256 of a request, as a non-negative number.</summary>
    internal static long RequestHash(ReadOnlySpan<byte> request)
    {
        Span<byte> hash = stackalloc byte[System.Security.Cryptography.SHA256.HashSizeInBytes];
        System.Security.Cryptography.SHA256.HashData(request, hash);
        return System.Buffers.Binary.BinaryPrimitives.ReadInt64BigEndian(hash) & long.MaxValue;
    }

    /// <summary>
    /// The commit record of one batch in the audit container, in its day:
    /// <c>commits/{yyyy}/{MM}/{dd}/{partition}/{first:D20}-{last:D20}.json</c>.
    /// </summary>
    public static string CommitName(DateOnly day, string partitionId, long first, long last)
    {
        EnsureRange(first, last);
        return string.Create(CultureInfo.InvariantCulture, $"{CommitPrefix(day, partitionId)}{first:D20}-{last:D20}.json");
    }

    /// <summary>The commit records of one day and partition, in sequence order: <c>commits/{yyyy}/{MM}/{dd}/{partition}/</c>.</summary>
    public static string CommitPrefix(DateOnly day, string partitionId) => CommitsRoot + DayPartitionPrefix(day, partitionId);

    /// <summary>Reads a commit record name back into its day, partition and range; false for anything else.</summary>
    public static bool TryParseCommitName(string name, out DateOnly day, out string partitionId, out long first, out long last)
    {
        (day, partitionId, first, last) = (default, string.Empty, 0, 0);
        var match = CommitNamePattern().Match(name ?? string.Empty);
        if (!match.Success
            || !DateOnly.TryParseExact(match.Groups["date"].Value, "yyyy'/'MM'/'dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day)
            || !long.TryParse(match.Groups["first"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out first)
            || !long.TryParse(match.Groups["last"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out last)
            || last < first)
        {
            return false;
        }

        partitionId = match.Groups["partition"].Value;
        return true;
    }

    /// <summary>The summary of one partition's China Standard Time day in the audit container: <c>days/{yyyy}/{MM}/{dd}/{partition}.json</c>.</summary>
    public static string DaySummaryName(DateOnly day, string partitionId)
    {
        EnsurePartitionId(partitionId);
        return string.Create(CultureInfo.InvariantCulture, $"{DaySummaryPrefix(day)}{partitionId}.json");
    }

    /// <summary>The summaries of one day: <c>days/{yyyy}/{MM}/{dd}/</c>.</summary>
    public static string DaySummaryPrefix(DateOnly day) => string.Create(CultureInfo.InvariantCulture, $"{DaysRoot}{day:yyyy'/'MM'/'dd}/");

    /// <summary>All day summaries: <c>days/</c>.</summary>
    public const string DaysRoot = "days/";

    /// <summary>A verification record of one day: <c>verifications/{yyyy}/{MM}/{dd}/{run}.json</c>.</summary>
    public static string VerificationName(DateOnly day, string runId)
    {
        EnsureAttemptId(runId);
        return string.Create(CultureInfo.InvariantCulture, $"{VerificationsRoot}{day:yyyy'/'MM'/'dd}/{runId}.json");
    }

    /// <summary>All verification records: <c>verifications/</c>.</summary>
    public const string VerificationsRoot = "verifications/";

    /// <summary>The receipt of an orphan clean-up: <c>orphans/{yyyy}/{MM}/{dd}/{run}.json</c>.</summary>
    public static string OrphanReceiptName(DateOnly day, string runId)
    {
        EnsureAttemptId(runId);
        return string.Create(CultureInfo.InvariantCulture, $"orphans/{day:yyyy'/'MM'/'dd}/{runId}.json");
    }

    /// <summary>All commit records: <c>commits/</c>.</summary>
    public const string CommitsRoot = "commits/";

    /// <summary>A partition's head in the index container: <c>heads/{partition}.json</c>.</summary>
    public static string HeadName(string partitionId)
    {
        EnsurePartitionId(partitionId);
        return $"{HeadsRoot}{partitionId}.json";
    }

    /// <summary>Reads a head name back into its partition; false for anything else.</summary>
    public static bool TryParseHeadName(string name, out string partitionId)
    {
        partitionId = string.Empty;
        if (name is null || !name.StartsWith(HeadsRoot, StringComparison.Ordinal) || !name.EndsWith(".json", StringComparison.Ordinal))
        {
            return false;
        }

        partitionId = name[HeadsRoot.Length..^".json".Length];
        return IsValidPartitionId(partitionId);
    }

    /// <summary>All partition heads: <c>heads/</c> (no vehicle key starts with <c>h</c>, so markers never share it).</summary>
    public const string HeadsRoot = "heads/";

    /// <summary>A vehicle index marker: <c>{vehicleKey}/{yyyy-MM-dd}/{partition}</c> (an empty blob).</summary>
    public static string MarkerName(string vehicleKey, DateOnly date, string partitionId)
    {
        EnsureVehicleKey(vehicleKey);
        EnsurePartitionId(partitionId);
        return string.Create(CultureInfo.InvariantCulture, $"{vehicleKey}/{date:yyyy'-'MM'-'dd}/{partitionId}");
    }

    /// <summary>The markers of one vehicle: <c>{vehicleKey}/</c>.</summary>
    public static string MarkerPrefix(string vehicleKey)
    {
        EnsureVehicleKey(vehicleKey);
        return vehicleKey + "/";
    }

    /// <summary>Reads a marker name back into its day and partition; false for anything else.</summary>
    public static bool TryParseMarkerName(string name, out DateOnly date, out string partitionId)
    {
        date = default;
        partitionId = string.Empty;
        var parts = (name ?? string.Empty).Split('/');
        if (parts.Length != 3 || !IsValidVehicleKey(parts[0]) || !IsValidPartitionId(parts[2])
            || !DateOnly.TryParseExact(parts[1], "yyyy'-'MM'-'dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date))
        {
            return false;
        }

        partitionId = parts[2];
        return true;
    }

    /// <summary>
    /// A deletion receipt in the audit container, under the China Standard Time day it was completed:
    /// <c>deletions/{yyyy}/{MM}/{dd}/{requestId}.json</c>.
    /// </summary>
    public static string ReceiptName(DateOnly completedDay, string requestId)
    {
        EnsureAttemptId(requestId);
        return string.Create(CultureInfo.InvariantCulture, $"{ReceiptsPrefix(completedDay)}{requestId}.json");
    }

    /// <summary>
    /// An access receipt in the audit container, under the China Standard Time day it was completed:
    /// <c>accesses/{yyyy}/{MM}/{dd}/{requestId}.json</c>.
    /// </summary>
    public static string AccessReceiptName(DateOnly completedDay, string requestId)
    {
        EnsureAttemptId(requestId);
        return string.Create(CultureInfo.InvariantCulture, $"{AccessesRoot}{completedDay:yyyy'/'MM'/'dd}/{requestId}.json");
    }

    /// <summary>All access receipts: <c>accesses/</c>.</summary>
    public const string AccessesRoot = "accesses/";

    /// <summary>The deletion receipts of one day: <c>deletions/{yyyy}/{MM}/{dd}/</c>.</summary>
    public static string ReceiptsPrefix(DateOnly day) => string.Create(CultureInfo.InvariantCulture, $"{ReceiptsRoot}{day:yyyy'/'MM'/'dd}/");

    /// <summary>All deletion receipts: <c>deletions/</c>.</summary>
    public const string ReceiptsRoot = "deletions/";

    /// <summary>A new attempt or request id: 16 random lowercase hex digits.</summary>
    public static string NewAttemptId() => Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(8));

    /// <summary>True for 1-128 lowercase hex digits (the HMAC-SHA256 of the VIN is 64).</summary>
    public static bool IsValidVehicleKey(string? vehicleKey) => vehicleKey is not null && VehicleKeyPattern().IsMatch(vehicleKey);

    /// <summary>True for 1-64 of <c>[A-Za-z0-9_-]</c> (Event Hubs partition ids are digits).</summary>
    public static bool IsValidPartitionId(string? partitionId) => partitionId is not null && PartitionIdPattern().IsMatch(partitionId);

    /// <summary>True for kebab-case <c>[a-z0-9]</c> words, at most 64 characters.</summary>
    public static bool IsValidReasonCode(string? reasonCode) => reasonCode is not null && ReasonCodePattern().IsMatch(reasonCode);

    internal static void EnsureVehicleKey(string vehicleKey)
    {
        if (!IsValidVehicleKey(vehicleKey))
        {
            throw new ArgumentException("The vehicle key must be 1-128 lowercase hex digits.", nameof(vehicleKey));
        }
    }

    internal static void EnsurePartitionId(string partitionId)
    {
        if (!IsValidPartitionId(partitionId))
        {
            throw new ArgumentException("The partition id must be 1-64 of [A-Za-z0-9_-].", nameof(partitionId));
        }
    }

    internal static void EnsureReasonCode(string reasonCode)
    {
        if (!IsValidReasonCode(reasonCode))
        {
            throw new ArgumentException("The reason code must be kebab-case [a-z0-9-], at most 64 characters.", nameof(reasonCode));
        }
    }

    private static string QuarantinePrefix(string partitionId, long sequenceNumber)
    {
        EnsurePartitionId(partitionId);
        EnsureSequenceNumber(sequenceNumber, nameof(sequenceNumber));
        return string.Create(CultureInfo.InvariantCulture, $"{partitionId}/{sequenceNumber:D20}/");
    }

    private static string CheckedReason(string reasonCode)
    {
        EnsureReasonCode(reasonCode);
        return reasonCode;
    }

    private static void EnsureAttemptId(string attemptId)
    {
        if (attemptId is null || !AttemptIdPattern().IsMatch(attemptId))
        {
            throw new ArgumentException("An attempt or request id is 8-32 lowercase hex digits.", nameof(attemptId));
        }
    }

    private static void EnsureRange(long first, long last)
    {
        EnsureSequenceNumber(first, nameof(first));
        EnsureSequenceNumber(last, nameof(last));
        if (last < first)
        {
            throw new ArgumentException("The last sequence number of a batch is before its first.", nameof(last));
        }
    }

    private static void EnsureSequenceNumber(long sequenceNumber, string parameterName)
    {
        if (sequenceNumber < 0)
        {
            throw new ArgumentException("A sequence number is never negative.", parameterName);
        }
    }

    [GeneratedRegex("^[0-9a-f]{1,128}$", RegexOptions.CultureInvariant)]
    private static partial Regex VehicleKeyPattern();

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$", RegexOptions.CultureInvariant)]
    private static partial Regex PartitionIdPattern();

    [GeneratedRegex("^(?=.{1,64}$)[a-z0-9]+(-[a-z0-9]+)*$", RegexOptions.CultureInvariant)]
    private static partial Regex ReasonCodePattern();

    [GeneratedRegex("^[0-9a-f]{8,32}$", RegexOptions.CultureInvariant)]
    private static partial Regex AttemptIdPattern();

    [GeneratedRegex(@"^(?<date>\d{4}/\d{2}/\d{2})/(?<partition>[A-Za-z0-9_-]{1,64})/(?<first>\d{20})-(?<last>\d{20})-(?<attempt>[0-9a-f]{8,32})\.ndjson\.gz$", RegexOptions.CultureInvariant)]
    private static partial Regex LevelBlobPattern();

    [GeneratedRegex(@"^commits/(?<date>\d{4}/\d{2}/\d{2})/(?<partition>[A-Za-z0-9_-]{1,64})/(?<first>\d{20})-(?<last>\d{20})\.json$", RegexOptions.CultureInvariant)]
    private static partial Regex CommitNamePattern();
}

/// <summary>The parts of a level blob's name.</summary>
public readonly record struct LevelBlobName(DateOnly Date, string PartitionId, long First, long Last, string AttemptId);
