using System.Text.Json;
using Residency.Operations.Requests;
using Residency.Storage.Ledger;

namespace Residency.Operations.Http;

/// <summary>The JSON the API shows of a request (never a VIN: the record holds only the vehicle key).</summary>
public static class SubjectRequestJson
{
    /// <summary>Writes one request as an object; with <paramref name="withReceipt"/> its receipt is embedded as stored.</summary>
    public static void Write(Utf8JsonWriter writer, SubjectRequestView view, bool withReceipt)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(view);
        var record = view.Record;
        writer.WriteStartObject();
        writer.WriteString("requestId", record.RequestId);
        writer.WriteString("type", SubjectRequestTypes.Name(record.Type));
        writer.WriteString("status", view.Status);
        writer.WriteString("ticket", record.Ticket);
        writer.WriteString("vehicleKey", record.VehicleKey);
        writer.WriteString("requestedAt", Timestamps.Format(record.RequestedAt));
        writer.WriteString("receivedAt", Timestamps.Format(record.ReceivedAt));
        writer.WriteString("caller", record.Caller);
        if (view.Outcome is { } outcome)
        {
            writer.WriteString("completedAt", Timestamps.Format(outcome.CompletedAt));
            writer.WriteNumber("lines", outcome.Lines);
            writer.WriteStartObject("receipt");
            writer.WriteString("container", Residency.Storage.ResidencyContainers.Audit);
            writer.WriteString("name", outcome.Receipt);
            if (withReceipt && view.Receipt is { } receipt)
            {
                writer.WritePropertyName("document");
                writer.WriteRawValue(receipt.Span, skipInputValidation: false);
            }

            writer.WriteEndObject();
            if (record.Type == SubjectRequestType.Access)
            {
                writer.WriteString("export", $"/api/subject-requests/{record.RequestId}/export");
            }
        }

        writer.WriteStartObject("deadline");
        writer.WriteNumber("limitWorkingDays", SubjectDeadline.LimitWorkingDays);
        if (view.Deadline is { } deadline)
        {
            writer.WriteString("dueBy", ChinaDay.Format(deadline.DueBy));
            writer.WriteNumber("workingDaysElapsed", deadline.WorkingDaysElapsed);
            writer.WriteBoolean("overdue", deadline.Overdue);
            writer.WriteBoolean("late", deadline.Late);
            writer.WriteBoolean("nearDeadline", deadline.NearDeadline);
        }
        else
        {
            writer.WriteString("calendar", "the statutory calendar lacks a year this request spans: add cn-{yyyy}.json (docs/report.md)");
        }

        writer.WriteEndObject();
        writer.WriteEndObject();
    }
}
