using Azure.Storage.Blobs;
using Residency.Classification;
using Residency.Operations.Exports;
using Residency.Reporting.Calendar;
using Residency.Storage.Subjects;

namespace Residency.Operations.Requests;

/// <summary>
/// Subject requests end to end: records them write-once, runs the shared library's exporter or eraser (the same code as
/// <c>residency vehicle find --export / --delete</c>), records the outcome, and answers status and deadlines from the
/// statutory calendar. Processing runs inline in the post (docs/privacy-api.md says why).
/// </summary>
public sealed class SubjectRequestService
{
    private readonly BlobServiceClient _storage;
    private readonly TimeProvider _time;

    /// <summary>Creates the service on the data account.</summary>
    public SubjectRequestService(BlobServiceClient storage, PseudonymizationKey key, StatutoryCalendar calendar, TimeProvider time)
    {
        _storage = storage ?? throw new ArgumentNullException(nameof(storage));
        Key = key ?? throw new ArgumentNullException(nameof(key));
        Calendar = calendar ?? throw new ArgumentNullException(nameof(calendar));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        Store = new SubjectRequestStore(storage);
        Exports = storage.GetBlobContainerClient(ExportContainer.Name);
    }

    /// <summary>The key that turns a VIN into its vehicle key.</summary>
    public PseudonymizationKey Key { get; }

    /// <summary>The statutory working-day calendar.</summary>
    public StatutoryCalendar Calendar { get; }

    /// <summary>The records and outcomes.</summary>
    public SubjectRequestStore Store { get; }

    /// <summary>The exports container.</summary>
    public BlobContainerClient Exports { get; }

    /// <summary>Now, as the service's clock says.</summary>
    public DateTimeOffset Now => _time.GetUtcNow();

    /// <summary>Records the ask under its ticket's id (or finds the earlier record of the same ticket).</summary>
    public async Task<(SubmitResult Result, SubjectRequestRecord Record)> RecordAsync(SubjectRequestAsk ask, string caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ask);
        var record = new SubjectRequestRecord(SubjectRequestIds.FromTicket(ask.Ticket), ask.Type, ask.VehicleKey, ask.Ticket, Timestamps.ToMilliseconds(ask.RequestedAt), Now, caller);
        var (stored, created) = await Store.CreateAsync(record, cancellationToken).ConfigureAwait(false);
        return created ? (SubmitResult.Created, stored) : (stored.SameAsk(record) ? SubmitResult.Repeated : SubmitResult.Conflict, stored);
    }

    /// <summary>Runs the request unless it has an outcome already; returns the outcome.</summary>
    public async Task<SubjectRequestOutcome> ProcessAsync(SubjectRequestRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (await Store.ReadOutcomeAsync(record.RequestId, cancellationToken).ConfigureAwait(false) is { } done)
        {
            return done;
        }

        SubjectRequestOutcome outcome;
        if (record.Type == SubjectRequestType.Access)
        {
            var (_, receipt) = await new VehicleDataExporter(_storage, _time).ExportAsync(
                record.VehicleKey, new BlobExportTarget(Exports, record.RequestId), record.RequestedAt, record.RequestId,
                cancellationToken: cancellationToken).ConfigureAwait(false);
            outcome = new SubjectRequestOutcome(record.RequestId, receipt.CompletedAt, receipt.Name, receipt.Lines);
        }
        else
        {
            var receipt = await new VehicleDataEraser(_storage, _time).DeleteAsync(
                record.VehicleKey, requestedAt: record.RequestedAt, requestId: record.RequestId, cancellationToken: cancellationToken).ConfigureAwait(false);
            outcome = new SubjectRequestOutcome(record.RequestId, receipt.CompletedAt, receipt.Name, receipt.Blobs.Sum(b => (long)b.SequenceNumbers.Count));
        }

        return await Store.CompleteAsync(outcome, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The request with its outcome, receipt and deadline; null when the id is unknown.</summary>
    public async Task<SubjectRequestView?> ViewAsync(string requestId, CancellationToken cancellationToken)
    {
        if (!SubjectRequestIds.IsWellFormed(requestId) || await Store.ReadRecordAsync(requestId, cancellationToken).ConfigureAwait(false) is not { } record)
        {
            return null;
        }

        var outcome = await Store.ReadOutcomeAsync(requestId, cancellationToken).ConfigureAwait(false);
        var receipt = outcome is null ? null : await Store.ReadAuditDocumentAsync(outcome.Receipt, cancellationToken).ConfigureAwait(false);
        return new SubjectRequestView(record, outcome, receipt, Deadline(record, outcome));
    }

    /// <summary>Every request, or only the open ones near or past the deadline; soonest due first.</summary>
    public async Task<IReadOnlyList<SubjectRequestView>> ListAsync(bool overdueOnly, CancellationToken cancellationToken)
    {
        var views = new List<SubjectRequestView>();
        foreach (var (id, completed) in await Store.ListAsync(cancellationToken).ConfigureAwait(false))
        {
            if (overdueOnly && completed)
            {
                continue;
            }

            if (await Store.ReadRecordAsync(id, cancellationToken).ConfigureAwait(false) is not { } record)
            {
                continue;
            }

            var outcome = completed ? await Store.ReadOutcomeAsync(id, cancellationToken).ConfigureAwait(false) : null;
            var deadline = Deadline(record, outcome);

            // A request the calendar cannot place is listed as overdue: unknown must not mean fine.
            if (!overdueOnly || deadline is null || deadline.NearDeadline)
            {
                views.Add(new SubjectRequestView(record, outcome, null, deadline));
            }
        }

        return views.OrderBy(v => v.Deadline?.DueBy ?? DateOnly.MinValue).ThenBy(v => v.Record.RequestId, StringComparer.Ordinal).ToList();
    }

    private SubjectDeadline? Deadline(SubjectRequestRecord record, SubjectRequestOutcome? outcome)
    {
        try
        {
            return SubjectDeadline.Of(Calendar, record.RequestedAt, outcome?.CompletedAt, Now);
        }
        catch (CalendarYearMissingException)
        {
            return null;
        }
    }
}
