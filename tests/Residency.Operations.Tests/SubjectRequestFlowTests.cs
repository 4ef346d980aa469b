using System.IO.Compression;
using System.Net;
using System.Text.Json;
using Azure.Storage.Blobs.Models;
using Residency.Operations.Exports;
using Residency.Operations.Requests;
using Residency.Storage;
using Residency.Storage.Subjects;
using Residency.Testing;
using Xunit;

namespace Residency.Operations.Tests;

/// <summary>Access and deletion end to end against Azurite, through the function classes, and idempotency by ticket.</summary>
[Collection(AzuriteGroup.Name)]
public sealed class SubjectRequestFlowTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Access_records_the_request_exports_the_vehicle_and_streams_what_vehicle_find_export_writes()
    {
        var app = await OperationsHarness.CreateAsync(azurite);
        var vehicles = await StoredVehicles.StoreAsync(azurite);

        var posted = await app.PostAsync(OperationsHarness.Body("access", vin: vehicles.VinA), Principals.Operator);
        Assert.Equal(HttpStatusCode.Accepted, posted.StatusCode);
        var id = OperationsHarness.Json(posted).GetProperty("requestId").GetString()!;
        Assert.True(SubjectRequestIds.IsWellFormed(id));
        Assert.Equal($"/api/subject-requests/{id}", posted.Headers.GetValues("Location").Single());

        // The record is in the audit container, holds the vehicle key and the caller, never the VIN.
        var record = (await app.Client.GetBlobContainerClient(ResidencyContainers.Audit).GetBlobClient(SubjectRequestStore.RecordName(id)).DownloadContentAsync()).Value.Content.ToString();
        Assert.Contains(vehicles.VehicleKeyA, record, StringComparison.Ordinal);
        Assert.Contains(Principals.OperatorObjectId, record, StringComparison.Ordinal);
        Assert.DoesNotContain(vehicles.VinA, record, StringComparison.Ordinal);

        var status = OperationsHarness.Json(await app.GetAsync(id, Principals.Operator));
        Assert.Equal("completed", status.GetProperty("status").GetString());
        Assert.Equal(AccessReceipt.Schema, status.GetProperty("receipt").GetProperty("document").GetProperty("schema").GetString());
        Assert.Equal($"/api/subject-requests/{id}/export", status.GetProperty("export").GetString());
        Assert.Equal(0, status.GetProperty("deadline").GetProperty("workingDaysElapsed").GetInt32());
        Assert.False(status.GetProperty("deadline").GetProperty("late").GetBoolean());

        var download = await app.ExportAsync(id, Principals.Operator);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("application/zip", download.Headers.GetValues("Content-Type").Single());
        Assert.DoesNotContain("sig=", download.BodyText, StringComparison.Ordinal); // no SAS anywhere

        var cliFolder = await CliExport.RunAsync(azurite, vehicles.VehicleKeyA);
        try
        {
            using var zip = new ZipArchive(new MemoryStream(download.BodyBytes), ZipArchiveMode.Read);
            var cliFiles = Directory.GetFiles(cliFolder).Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal).ToList();
            Assert.Equal(cliFiles, zip.Entries.Select(e => e.FullName).Order(StringComparer.Ordinal).ToList());
            Assert.Contains("personal.ndjson", cliFiles);
            foreach (var entry in zip.Entries.Where(e => e.FullName.EndsWith(".ndjson", StringComparison.Ordinal)))
            {
                using var stream = entry.Open();
                using var copy = new MemoryStream();
                await stream.CopyToAsync(copy);
                Assert.Equal(await File.ReadAllBytesAsync(Path.Combine(cliFolder, entry.FullName)), copy.ToArray());
            }

            // The manifests differ only in request id and time: the same files, hashes, locations and source blobs.
            using var apiManifest = JsonDocument.Parse(zip.GetEntry(ExportContainer.ManifestFile)!.Open());
            using var cliManifest = JsonDocument.Parse(await File.ReadAllBytesAsync(Path.Combine(cliFolder, ExportContainer.ManifestFile)));
            foreach (var part in new[] { "schema", "vehicleKey", "files", "locations", "blobs" })
            {
                Assert.Equal(cliManifest.RootElement.GetProperty(part).GetRawText(), apiManifest.RootElement.GetProperty(part).GetRawText());
            }

            Assert.Equal(id, apiManifest.RootElement.GetProperty("requestId").GetString());
        }
        finally
        {
            Directory.Delete(cliFolder, recursive: true);
        }

        // The export's blobs are named by the request id only.
        await foreach (var item in app.Service.Exports.GetBlobsAsync(new GetBlobsOptions { Prefix = id + "/" }))
        {
            Assert.Matches($"^{id}/(manifest\\.json|(general|personal|sensitive|important)\\.ndjson)$", item.Name);
        }

        var logs = string.Join('\n', app.LogLines);
        Assert.Contains(Principals.OperatorObjectId, logs, StringComparison.Ordinal);
        Assert.Contains(id, logs, StringComparison.Ordinal);
        Assert.DoesNotContain(vehicles.VinA, logs, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(vehicles.VehicleKeyA, logs, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Delete_runs_the_eraser_keeps_its_receipt_and_leaves_the_other_vehicle()
    {
        var app = await OperationsHarness.CreateAsync(azurite);
        var vehicles = await StoredVehicles.StoreAsync(azurite);
        var before = await new VehicleDataLocator(app.Client).ScanAsync(vehicles.VehicleKeyB, (_, _) => Task.CompletedTask);
        Assert.True(before.LinesMatched > 0);

        var posted = await app.PostAsync(OperationsHarness.Body("delete", vin: vehicles.VinA.ToLowerInvariant()), Principals.Operator);
        Assert.Equal(HttpStatusCode.Accepted, posted.StatusCode);
        var id = OperationsHarness.Json(posted).GetProperty("requestId").GetString()!;

        var gone = await new VehicleDataLocator(app.Client).ScanAsync(vehicles.VehicleKeyA, (_, _) => Task.CompletedTask);
        var kept = await new VehicleDataLocator(app.Client).ScanAsync(vehicles.VehicleKeyB, (_, _) => Task.CompletedTask);
        Assert.Equal(0, gone.LinesMatched);
        Assert.Equal(before.LinesMatched, kept.LinesMatched);

        var status = OperationsHarness.Json(await app.GetAsync(id, Principals.Operator));
        Assert.Equal("completed", status.GetProperty("status").GetString());
        var receiptName = status.GetProperty("receipt").GetProperty("name").GetString()!;
        Assert.StartsWith(BlobLayout.ReceiptsRoot, receiptName, StringComparison.Ordinal);
        var receipt = DeletionReceipt.Read((await app.Client.GetBlobContainerClient(ResidencyContainers.Audit).GetBlobClient(receiptName).DownloadContentAsync()).Value.Content.ToArray());
        Assert.Equal(id, receipt.RequestId);
        Assert.Equal(vehicles.VehicleKeyA, receipt.VehicleKey);
        Assert.True(receipt.Blobs.Sum(b => b.SequenceNumbers.Count) >= 4); // four uploads, each a line in every level it touches
        Assert.Equal(receipt.Blobs.Sum(b => b.SequenceNumbers.Count), status.GetProperty("lines").GetInt64());
        Assert.Equal(DeletionReceipt.Schema, status.GetProperty("receipt").GetProperty("document").GetProperty("schema").GetString());
        Assert.False(status.TryGetProperty("export", out _));

        // A deletion has no export to download.
        Assert.Equal(HttpStatusCode.NotFound, (await app.ExportAsync(id, Principals.Operator)).StatusCode);
    }

    [Fact]
    public async Task The_same_ticket_twice_is_the_same_request_run_once()
    {
        var app = await OperationsHarness.CreateAsync(azurite);
        var vehicles = await StoredVehicles.StoreAsync(azurite);
        var body = OperationsHarness.Body("delete", vehicleKey: vehicles.VehicleKeyB.ToUpperInvariant());

        var first = OperationsHarness.Json(await app.PostAsync(body, Principals.Operator));
        var second = await app.PostAsync(body, Principals.Operator);
        Assert.Equal(HttpStatusCode.Accepted, second.StatusCode);
        var again = OperationsHarness.Json(second);

        Assert.Equal(first.GetProperty("requestId").GetString(), again.GetProperty("requestId").GetString());
        Assert.False(first.GetProperty("repeated").GetBoolean());
        Assert.True(again.GetProperty("repeated").GetBoolean());
        Assert.Equal(first.GetProperty("receipt").GetString(), again.GetProperty("receipt").GetString());

        var id = first.GetProperty("requestId").GetString()!;
        var audit = app.Client.GetBlobContainerClient(ResidencyContainers.Audit);
        var receipts = new List<string>();
        await foreach (var item in audit.GetBlobsAsync(new GetBlobsOptions { Prefix = BlobLayout.ReceiptsRoot }))
        {
            if (item.Name.EndsWith("/" + id + ".json", StringComparison.Ordinal))
            {
                receipts.Add(item.Name);
            }
        }

        Assert.Single(receipts);
    }

    [Fact]
    public async Task A_ticket_reused_for_a_different_ask_is_409_and_changes_nothing()
    {
        var app = await OperationsHarness.CreateAsync(azurite);
        var ticket = OperationsHarness.NewTicket();
        var vin = StoredVehicles.NewVin();
        var first = await app.PostAsync(OperationsHarness.Body("access", vin: vin, ticket: ticket), Principals.Operator);
        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);

        var other = await app.PostAsync(OperationsHarness.Body("delete", vin: vin, ticket: ticket), Principals.Operator);
        Assert.Equal(HttpStatusCode.Conflict, other.StatusCode);
        Assert.DoesNotContain(vin, other.BodyText, StringComparison.Ordinal);

        var record = await app.Service.Store.ReadRecordAsync(SubjectRequestIds.FromTicket(ticket), CancellationToken.None);
        Assert.Equal(SubjectRequestType.Access, record!.Type);
    }

    [Fact]
    public async Task Records_and_outcomes_are_write_once()
    {
        var app = await OperationsHarness.CreateAsync(azurite);
        var ask = new SubjectRequestAsk(SubjectRequestType.Access, StoredVehicles.Key.VehicleKey(StoredVehicles.NewVin()), OperationsHarness.NewTicket(), DateTimeOffset.UtcNow);
        var (_, record) = await app.Service.RecordAsync(ask, "caller-1", CancellationToken.None);
        var outcome = await app.Service.Store.CompleteAsync(new SubjectRequestOutcome(record.RequestId, DateTimeOffset.UtcNow, "accesses/x.json", 1), CancellationToken.None);

        var (result, stored) = await app.Service.RecordAsync(ask, "caller-2", CancellationToken.None);
        var second = await app.Service.Store.CompleteAsync(outcome with { Lines = 99 }, CancellationToken.None);

        Assert.Equal(SubmitResult.Repeated, result);
        Assert.Equal("caller-1", stored.Caller);
        Assert.Equal(1, second.Lines);
    }
}
