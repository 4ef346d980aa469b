using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Residency.Development;
using Residency.Functions.Tests.Infrastructure;
using Residency.FunctionsHost;
using Residency.Ingest;
using Residency.Testing;
using Xunit;
using Xunit.Abstractions;

namespace Residency.Functions.Tests;

/// <summary>
/// The handler executable's peak working set stays under the bound docs/ingest.md documents, for the largest request
/// it reads and for several at once (the limits scaled down so the test stays quick; the bound is per limit).
/// </summary>
[Collection(AzuriteGroup.Name)]
public sealed class MemoryBoundTests(AzuriteFixture azurite, ITestOutputHelper output)
{
    private const int MaxRequestMegabytes = 16;
    private const int MaxInFlightMegabytes = 32;
    private const long MiB = 1024 * 1024;

    [Fact]
    public async Task Peak_memory_stays_under_the_documented_bound_for_the_largest_request_and_for_several_at_once()
    {
        await using var handler = await HandlerLauncher.StartDevelopmentAsync(azurite.ConnectionString, new Dictionary<string, string>
        {
            [HandlerSettingNames.MaxRequestMegabytes] = MaxRequestMegabytes.ToString(CultureInfo.InvariantCulture),
            [HandlerSettingNames.MaxInFlightMegabytes] = MaxInFlightMegabytes.ToString(CultureInfo.InvariantCulture),
            [HandlerSettingNames.MaxConcurrentInvocations] = "4",
        });
        var warmup = await handler.Client.PostAsync(HostInvocationWriter.Write(new IngestBatch(Uploads.NewPartition(), [Uploads.Event(0, Uploads.Sample("trip"))])));
        Assert.Equal(200, warmup.StatusCode);
        var baseline = handler.PeakWorkingSetBytes()!.Value;

        var largest = LargestRequest();
        Assert.InRange(largest.Length, (MaxRequestMegabytes - 1) * MiB, MaxRequestMegabytes * MiB);
        Assert.Equal(200, (await handler.Client.PostAsync(largest)).StatusCode);
        var afterOne = handler.PeakWorkingSetBytes()!.Value;

        var replies = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => handler.Client.PostAsync(LargestRequest()))));
        Assert.All(replies, r => Assert.Equal(200, r.StatusCode));
        var afterFour = handler.PeakWorkingSetBytes()!.Value;

        // No waiting: the last request to leave hands memory back (one blocking, compacting collection) before its reply.
        var settled = handler.WorkingSetBytes();

        output.WriteLine($"baseline {baseline / MiB} MiB, one largest request {afterOne / MiB} MiB, four at once {afterFour / MiB} MiB, after {settled / MiB} MiB");
        // docs/ingest.md, "Limits": peak <= baseline + 8 x MaxInFlightMegabytes.
        Assert.True(afterFour <= baseline + (8 * MaxInFlightMegabytes * MiB),
            $"peak {afterFour / MiB} MiB exceeds {baseline / MiB} + 8 x {MaxInFlightMegabytes} MiB");
        // Memory goes back after the large requests (well under the peak).
        Assert.True(settled < afterFour, $"the working set stayed at {settled / MiB} MiB after a peak of {afterFour / MiB} MiB");
    }

    // Trip uploads of about 45 KB (500 trajectory points) until the request is just under the limit.
    private static byte[] LargestRequest()
    {
        var trip = JsonNode.Parse(Uploads.Sample("trip"))!;
        var points = trip["trajectory"]!.AsArray();
        var template = points[0]!.ToJsonString();
        while (points.Count < 500)
        {
            points.Add(JsonNode.Parse(template));
        }

        var partition = Uploads.NewPartition();
        var body = Encoding.UTF8.GetBytes(trip.ToJsonString());
        // Each event costs its base64 body and a few bytes of metadata: start from the estimate and step down.
        for (var count = (int)(MaxRequestMegabytes * MiB / ((body.Length * 4 / 3) + 64)); ; count--)
        {
            var events = Enumerable.Range(0, count).Select(i =>
            {
                trip["messageId"] = Guid.NewGuid().ToString();
                return Uploads.Event(i, Encoding.UTF8.GetBytes(trip.ToJsonString()));
            }).ToList();
            var request = HostInvocationWriter.Write(new IngestBatch(partition, events));
            if (request.Length <= MaxRequestMegabytes * MiB)
            {
                return request;
            }
        }
    }
}
