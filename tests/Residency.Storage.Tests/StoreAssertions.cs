using Azure.Storage.Blobs;
using Residency.Storage.Audit;
using Xunit;

namespace Residency.Storage.Tests;

/// <summary>Checks shared by the storage tests.</summary>
internal static class StoreAssertions
{
    /// <summary>Runs <c>audit verify</c> on one partition and fails listing every problem unless it is clean.</summary>
    public static async Task<AuditReport> VerifyCleanAsync(BlobServiceClient client, string partition, long expectedSequenceNumbers)
    {
        var report = await new AuditVerifier(client).VerifyAsync([partition]);
        Assert.True(report.IsClean, "audit verify found: " + string.Join("; ", report.Problems.Select(p => $"{p.Kind} {p.Detail}")));
        Assert.Equal(expectedSequenceNumbers, report.SequenceNumbers);
        return report;
    }

    public static async Task<List<string>> NamesAsync(BlobServiceClient client, string container, string prefix)
    {
        var names = new List<string>();
        await foreach (var item in client.GetBlobContainerClient(container).GetBlobsAsync(new Azure.Storage.Blobs.Models.GetBlobsOptions { Prefix = prefix }))
        {
            names.Add(item.Name);
        }

        return names;
    }
}
