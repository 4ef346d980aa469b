using System.Globalization;
using System.Text.RegularExpressions;

namespace Residency.Storage;

/// <summary>
/// Blob names of the residency account. Only validated, path-safe values shape a name: device text never does.
/// </summary>
public static partial class BlobLayout
{
    /// <summary><c>{yyyy}/{MM}/{dd}/{vehicleKey}/{messageId}.json</c> with the UTC capture date.</summary>
    public static string FragmentName(DateTimeOffset capturedAt, string vehicleKey, string messageId)
    {
        EnsureVehicleKey(vehicleKey);
        EnsureMessageId(messageId);
        return string.Create(CultureInfo.InvariantCulture, $"{capturedAt.UtcDateTime:yyyy'/'MM'/'dd}/{vehicleKey}/{messageId}.json");
    }

    /// <summary>
    /// <c>{partition}/{sequence:D20}/{reason}[-{qualifier}].json</c>: deterministic per source position and reason,
    /// so a replayed event finds its entry instead of adding another.
    /// </summary>
    public static string QuarantineName(SourcePosition source, string reasonCode, string? qualifier = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        EnsurePartitionId(source.PartitionId);
        EnsureSequenceNumber(source.SequenceNumber, nameof(source));
        EnsureReasonCode(reasonCode);
        if (qualifier is not null && !ReasonCodePattern().IsMatch(qualifier))
        {
            throw new ArgumentException("A quarantine name qualifier is kebab-case letters and digits.", nameof(qualifier));
        }

        var suffix = qualifier is null ? string.Empty : "-" + qualifier;
        return string.Create(CultureInfo.InvariantCulture, $"{source.PartitionId}/{source.SequenceNumber:D20}/{reasonCode}{suffix}.json");
    }

    /// <summary><c>{partition}/{first:D20}-{last:D20}.json</c>: one ledger entry per batch, sorted by position.</summary>
    public static string AuditName(string partitionId, long firstSequenceNumber, long lastSequenceNumber)
    {
        EnsurePartitionId(partitionId);
        EnsureSequenceNumber(firstSequenceNumber, nameof(firstSequenceNumber));
        EnsureSequenceNumber(lastSequenceNumber, nameof(lastSequenceNumber));
        if (lastSequenceNumber < firstSequenceNumber)
        {
            throw new ArgumentException("The last sequence number of a batch is before its first.", nameof(lastSequenceNumber));
        }

        return string.Create(CultureInfo.InvariantCulture, $"{partitionId}/{firstSequenceNumber:D20}-{lastSequenceNumber:D20}.json");
    }

    /// <summary>The same name with <c>.{tag}</c> before <c>.json</c>: where a second, different version is kept beside the first.</summary>
    internal static string WithVersionTag(string blobName, string versionTag) =>
        string.Concat(blobName.AsSpan(0, blobName.Length - ".json".Length), ".", versionTag, ".json");

    /// <summary>True for 1-64 of <c>[A-Za-z0-9-]</c>.</summary>
    public static bool IsValidMessageId(string? messageId) => messageId is not null && MessageIdPattern().IsMatch(messageId);

    /// <summary>True for 1-128 lowercase hex digits (the HMAC-SHA256 of the VIN is 64).</summary>
    public static bool IsValidVehicleKey(string? vehicleKey) => vehicleKey is not null && VehicleKeyPattern().IsMatch(vehicleKey);

    /// <summary>True for 1-64 of <c>[A-Za-z0-9_-]</c> (Event Hubs partition ids are digits).</summary>
    public static bool IsValidPartitionId(string? partitionId) => partitionId is not null && PartitionIdPattern().IsMatch(partitionId);

    /// <summary>True for kebab-case <c>[a-z0-9]</c> words, at most 64 characters.</summary>
    public static bool IsValidReasonCode(string? reasonCode) => reasonCode is not null && ReasonCodePattern().IsMatch(reasonCode);

    internal static void EnsureMessageId(string messageId)
    {
        if (!IsValidMessageId(messageId))
        {
            throw new ArgumentException("The message id must be 1-64 of [A-Za-z0-9-].", nameof(messageId));
        }
    }

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

    private static void EnsureSequenceNumber(long sequenceNumber, string parameterName)
    {
        if (sequenceNumber < 0)
        {
            throw new ArgumentException("A sequence number is never negative.", parameterName);
        }
    }

    [GeneratedRegex("^[A-Za-z0-9-]{1,64}$", RegexOptions.CultureInvariant)]
    private static partial Regex MessageIdPattern();

    [GeneratedRegex("^[0-9a-f]{1,128}$", RegexOptions.CultureInvariant)]
    private static partial Regex VehicleKeyPattern();

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$", RegexOptions.CultureInvariant)]
    private static partial Regex PartitionIdPattern();

    [GeneratedRegex("^(?=.{1,64}$)[a-z0-9]+(-[a-z0-9]+)*$", RegexOptions.CultureInvariant)]
    private static partial Regex ReasonCodePattern();
}
