using System.Buffers;
using System.Text.Json;

namespace Residency.Operations.Requests;

/// <summary>
/// A subject request as received, written once to <c>vehicle-audit/subject-requests/{id}/request.json</c>
/// (residency-subject-request/1): who asked (the caller's object id), for what, under which ticket and when. It holds
/// the vehicle key (the pseudonym), never the VIN.
/// </summary>
public sealed record SubjectRequestRecord(
    string RequestId, SubjectRequestType Type, string VehicleKey, string Ticket, DateTimeOffset RequestedAt, DateTimeOffset ReceivedAt, string Caller)
{
    /// <summary>The schema id written into every record.</summary>
    public const string Schema = "residency-subject-request/1";

    /// <summary>True when <paramref name="other"/> asks for the same thing (a repeated post of the same ticket).</summary>
    public bool SameAsk(SubjectRequestRecord other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Type == other.Type && VehicleKey == other.VehicleKey && Ticket == other.Ticket && RequestedAt == other.RequestedAt;
    }

    /// <summary>The record as compact UTF-8 JSON.</summary>
    public byte[] ToUtf8Json()
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("schema", Schema);
            writer.WriteString("requestId", RequestId);
            writer.WriteString("type", SubjectRequestTypes.Name(Type));
            writer.WriteString("vehicleKey", VehicleKey);
            writer.WriteString("ticket", Ticket);
            writer.WriteString("requestedAt", Timestamps.Format(RequestedAt));
            writer.WriteString("receivedAt", Timestamps.Format(ReceivedAt));
            writer.WriteString("caller", Caller);
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Reads a record written by <see cref="ToUtf8Json"/>; <see cref="FormatException"/> when it is not one.</summary>
    public static SubjectRequestRecord Read(ReadOnlySpan<byte> utf8Json)
    {
        try
        {
            using var document = JsonDocument.Parse(utf8Json.ToArray());
            var root = document.RootElement;
            if (root.GetProperty("schema").GetString() != Schema)
            {
                throw new FormatException($"Not a {Schema} document.");
            }

            return new SubjectRequestRecord(
                root.GetProperty("requestId").GetString()!,
                SubjectRequestTypes.Parse(root.GetProperty("type").GetString()) ?? throw new FormatException("Unknown request type."),
                root.GetProperty("vehicleKey").GetString()!,
                root.GetProperty("ticket").GetString()!,
                root.GetProperty("requestedAt").GetDateTimeOffset(),
                root.GetProperty("receivedAt").GetDateTimeOffset(),
                root.GetProperty("caller").GetString()!);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new FormatException($"Not a well-formed {Schema} document.", e);
        }
    }
}
