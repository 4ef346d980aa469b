using System.Buffers;
using System.Text.Json;
using Azure;
using Residency.Storage.Ledger;

namespace Residency.Storage.Batches;

/// <summary>A blob an uncommitted write attempt may have written.</summary>
public sealed record BlobReference(string Container, string Name);

/// <summary>A write attempt announced in the head before its blobs are written, so whoever supersedes it can remove them.</summary>
public sealed record PendingAttempt(string AttemptId, long First, long Last, IReadOnlyList<BlobReference> Blobs);

/// <summary>
/// Where one partition stands (docs/storage.md): the highest committed sequence number, the last commit record
/// (written to the audit container by whoever finds it missing), and the attempt in flight, if any. Kept in the
/// index container and only ever replaced conditionally on its ETag.
/// </summary>
public sealed record PartitionHead(string PartitionId, long CommittedThrough, CommitRecord? LastCommit, PendingAttempt? Pending)
{
    /// <summary>The schema id written into every head.</summary>
    public const string Schema = "residency-head/2";

    /// <summary>The ETag the head was read or written with; null when no head exists yet.</summary>
    public ETag? ETag { get; init; }

    /// <summary>The partition's day ledger: the chain's tip, the open day's totals, sealed summaries still to write.</summary>
    public PartitionLedger Ledger { get; init; } = PartitionLedger.Empty;

    /// <summary>The head of a partition nothing was committed to yet.</summary>
    public static PartitionHead Empty(string partitionId) => new(partitionId, -1, null, null);

    /// <summary>The head as compact UTF-8 JSON.</summary>
    public byte[] ToUtf8Json()
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("schema", Schema);
            writer.WriteString("partition", PartitionId);
            writer.WriteNumber("committedThrough", CommittedThrough);
            writer.WritePropertyName("commit");
            if (LastCommit is null)
            {
                writer.WriteNullValue();
            }
            else
            {
                LastCommit.WriteTo(writer);
            }

            writer.WritePropertyName("ledger");
            Ledger.WriteTo(writer);
            writer.WritePropertyName("pending");
            if (Pending is null)
            {
                writer.WriteNullValue();
            }
            else
            {
                writer.WriteStartObject();
                writer.WriteString("attempt", Pending.AttemptId);
                writer.WriteNumber("first", Pending.First);
                writer.WriteNumber("last", Pending.Last);
                writer.WriteStartArray("blobs");
                foreach (var blob in Pending.Blobs)
                {
                    writer.WriteStartObject();
                    writer.WriteString("container", blob.Container);
                    writer.WriteString("name", blob.Name);
                    writer.WriteEndObject();
                }

                writer.WriteEndArray();
                writer.WriteEndObject();
            }

            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Reads a head written by <see cref="ToUtf8Json"/>; throws <see cref="FormatException"/> when it is not one.</summary>
    public static PartitionHead Read(ReadOnlySpan<byte> utf8Json, ETag etag)
    {
        try
        {
            using var document = JsonDocument.Parse(utf8Json.ToArray());
            var root = document.RootElement;
            if (root.GetProperty("schema").GetString() != Schema)
            {
                throw new FormatException($"Not a {Schema} document.");
            }

            var commit = root.GetProperty("commit");
            var pending = root.GetProperty("pending");
            return new PartitionHead(
                root.GetProperty("partition").GetString()!,
                root.GetProperty("committedThrough").GetInt64(),
                commit.ValueKind == JsonValueKind.Null ? null : CommitRecord.Read(commit),
                pending.ValueKind == JsonValueKind.Null ? null : new PendingAttempt(
                    pending.GetProperty("attempt").GetString()!,
                    pending.GetProperty("first").GetInt64(),
                    pending.GetProperty("last").GetInt64(),
                    pending.GetProperty("blobs").EnumerateArray()
                        .Select(b => new BlobReference(b.GetProperty("container").GetString()!, b.GetProperty("name").GetString()!))
                        .ToList()))
            {
                ETag = etag,
                Ledger = PartitionLedger.Read(root.GetProperty("ledger")),
            };
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new FormatException($"Not a well-formed {Schema} document.", e);
        }
    }
}
