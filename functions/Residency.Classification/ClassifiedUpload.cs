using System.Text.Json;

namespace Residency.Classification;

/// <summary>The result of classifying one upload: its level, per-path tags and one fragment per level touched.</summary>
public sealed class ClassifiedUpload
{
    internal ClassifiedUpload(
        string messageId,
        string vehicleKey,
        DateTimeOffset capturedAt,
        string? kind,
        DataLevel level,
        IReadOnlyList<FieldTag> fields,
        IReadOnlyList<ClassifiedFragment> fragments,
        IReadOnlyList<IdentifiedSubject> subjects,
        int subjectsBeyondLimit,
        ClassificationPolicy policy,
        string keyId)
    {
        MessageId = messageId;
        VehicleKey = vehicleKey;
        CapturedAt = capturedAt;
        Kind = kind;
        Level = level;
        Fields = fields;
        Fragments = fragments;
        Subjects = subjects;
        SubjectsBeyondLimit = subjectsBeyondLimit;
        PolicyId = policy.Id;
        PolicySha256 = policy.Sha256;
        KeyId = keyId;
    }

    /// <summary>The upload's schema (always <c>vehicle-upload/1</c>).</summary>
    public string Schema { get; } = "vehicle-upload/1";

    /// <summary>The validated message id (1-64 of [A-Za-z0-9-]).</summary>
    public string MessageId { get; }

    /// <summary>Lowercase hex HMAC-SHA256 of the VIN (upper-cased): joins fragments without the VIN.</summary>
    public string VehicleKey { get; }

    /// <summary>When the data was captured.</summary>
    public DateTimeOffset CapturedAt { get; }

    /// <summary>The upload's kind (telemetry, trip, event, charging, cabin, account, diagnostic), if given.</summary>
    public string? Kind { get; }

    /// <summary>The record's level: the highest level of any field.</summary>
    public DataLevel Level { get; }

    /// <summary>One tag per normalized path and rule, in document order.</summary>
    public IReadOnlyList<FieldTag> Fields { get; }

    /// <summary>One fragment per level the upload touches, lowest level first.</summary>
    public IReadOnlyList<ClassifiedFragment> Fragments { get; }

    /// <summary>The persons the upload names, one entry per distinct identifier (kind and keyed hash, never the value): every
    /// identifier a detector found where it scanned (values and property names), and every value at a path whose rule declares
    /// what it identifies (<c>"identifies": "phone"</c>). For the day ledger's distinct-person counts.</summary>
    public IReadOnlyList<IdentifiedSubject> Subjects { get; }

    /// <summary>Distinct persons the upload names beyond the first 4,096, which are not hashed (each hash costs about a
    /// microsecond): 0 for any upload a vehicle plausibly sends; a lower bound's shortfall otherwise.</summary>
    public int SubjectsBeyondLimit { get; }

    /// <summary>The id of the policy used.</summary>
    public string PolicyId { get; }

    /// <summary>The SHA-256 stamp of the policy used.</summary>
    public string PolicySha256 { get; }

    /// <summary>The id of the pseudonymization key used.</summary>
    public string KeyId { get; }

    /// <summary>Writes the <c>residency classify</c> report (docs/architecture.md, "Classification").</summary>
    public void WriteReport(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        writer.WriteStartObject("policy");
        writer.WriteString("id", PolicyId);
        writer.WriteString("sha256", PolicySha256);
        writer.WriteEndObject();
        writer.WriteString("keyId", KeyId);
        writer.WriteString("schema", Schema);
        writer.WriteString("messageId", MessageId);
        writer.WriteString("vehicleKey", VehicleKey);
        writer.WriteString("capturedAt", CapturedAt.UtcDateTime);
        if (Kind is not null)
        {
            writer.WriteString("kind", Kind);
        }

        writer.WriteString("classification", DataLevels.ToName(Level));
        writer.WriteStartArray("fields");
        foreach (var field in Fields)
        {
            writer.WriteStartObject();
            writer.WriteString("path", field.Path);
            writer.WriteString("level", DataLevels.ToName(field.Level));
            writer.WriteString("category", field.Category);
            writer.WriteString("rule", field.RuleId);
            writer.WriteString("action", field.Action);
            writer.WriteNumber("count", field.Count);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteStartObject("fragments");
        foreach (var fragment in Fragments)
        {
            writer.WritePropertyName(DataLevels.ToName(fragment.Level));
            using var document = JsonDocument.Parse(fragment.Json);
            document.RootElement.WriteTo(writer);
        }

        writer.WriteEndObject();
        writer.WriteStartObject("fragmentCategories");
        foreach (var fragment in Fragments)
        {
            writer.WriteString(DataLevels.ToName(fragment.Level), fragment.Category);
        }

        writer.WriteEndObject();
        writer.WriteEndObject();
    }
}
