namespace Residency.Storage;

/// <summary>Argument checks for what the store writes; messages name the field, never its value.</summary>
internal static class ResidencyInputs
{
    public static void Validate(UploadToStore upload)
    {
        ArgumentNullException.ThrowIfNull(upload);
        BlobLayout.EnsureMessageId(upload.MessageId);
        BlobLayout.EnsureVehicleKey(upload.VehicleKey);
        Validate(upload.Source);
        EnsureTagValue(upload.Schema, nameof(upload.Schema));
        EnsureTagValue(upload.PolicySha256, nameof(upload.PolicySha256));
        if (upload.Fragments is null || upload.Fragments.Count == 0)
        {
            throw new ArgumentException("An upload to store has at least one fragment.", nameof(upload));
        }

        var levels = new HashSet<string>(StringComparer.Ordinal);
        foreach (var fragment in upload.Fragments)
        {
            ArgumentNullException.ThrowIfNull(fragment, nameof(upload));
            ResidencyContainers.ForLevel(fragment.Level);
            EnsureTagValue(fragment.Category, "Category");
            if (!levels.Add(fragment.Level))
            {
                throw new ArgumentException($"An upload has two {fragment.Level} fragments; it may have one per level.", nameof(upload));
            }
        }
    }

    public static void Validate(QuarantineItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        BlobLayout.EnsureReasonCode(item.ReasonCode);
        Validate(item.Source);
        ArgumentNullException.ThrowIfNull(item.Detail, nameof(item));
        if (item.VehicleKey is not null)
        {
            BlobLayout.EnsureVehicleKey(item.VehicleKey);
        }
    }

    public static void Validate(AuditRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        BlobLayout.EnsurePartitionId(record.PartitionId);
        EnsureTagValue(record.PolicySha256, nameof(record.PolicySha256));
    }

    public static void Validate(SourcePosition source)
    {
        ArgumentNullException.ThrowIfNull(source);
        BlobLayout.EnsurePartitionId(source.PartitionId);
        if (source.SequenceNumber < 0)
        {
            throw new ArgumentException("A source sequence number is never negative.", nameof(source));
        }
    }

    private static void EnsureTagValue(string value, string name)
    {
        if (string.IsNullOrEmpty(value) || !BlobTags.IsValidValue(value))
        {
            throw new ArgumentException(
                $"{name} must be 1-256 characters of letters, digits, space and + - . : = _ / (it becomes a blob index tag).", name);
        }
    }
}
