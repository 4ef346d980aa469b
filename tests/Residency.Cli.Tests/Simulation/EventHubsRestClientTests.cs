using System.IO.Compression;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Azure;
using Azure.Core;
using Residency.Cli.Simulation.EventHubs;
using Xunit;

namespace Residency.Cli.Tests.Simulation;

public class EventHubsRestClientTests
{
    private const string KeyName = "devices-send";
    private const string Key = "c2VjcmV0LWtleS1mb3ItdGhlLXRlc3Qtb25seS0xMjM0NTY3ODkw";

    private static EventHubsRestClient Client(LoopbackListener listener, int maxBatchBytes = 1024 * 1024)
    {
        var options = new EventHubsRestClientOptions { MaxBatchBytes = maxBatchBytes };
        options.Retry.Delay = TimeSpan.FromMilliseconds(10);
        options.Retry.Mode = RetryMode.Fixed;
        return new EventHubsRestClient(listener.BaseUri, "vehicle-uploads", new AzureNamedKeyCredential(KeyName, Key), options);
    }

    private static EventHubsMessage Json(string partitionKey, int size, int index) =>
        new(Encoding.UTF8.GetBytes($"{{\"i\":{index},\"pad\":\"{new string('a', Math.Max(0, size - 20))}\"}}"), partitionKey, new Dictionary<string, string>());

    private static byte[] Gzip(byte[] data)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest))
        {
            gzip.Write(data);
        }

        return output.ToArray();
    }

    [Fact]
    public async Task Batch_request_has_the_service_bus_json_shape()
    {
        await using var listener = new LoopbackListener();
        var plain = Encoding.UTF8.GetBytes("""{"schema":"vehicle-upload/1","notes":"车辆"}""");
        var gzip = Gzip(plain);
        var requests = await Client(listener).SendAsync(
        [
            new EventHubsMessage(plain, "vk-a", new Dictionary<string, string>()),
            new EventHubsMessage(gzip, "vk-a", new Dictionary<string, string> { ["contentEncoding"] = "gzip" }),
            new EventHubsMessage(plain, "vk-b", null),
        ]);

        Assert.Equal(2, requests);
        var recorded = listener.Requests.ToArray();
        Assert.Equal(2, recorded.Length);
        foreach (var request in recorded)
        {
            Assert.Equal("POST", request.Method);
            Assert.Equal("/vehicle-uploads/messages", request.Url.AbsolutePath);
            Assert.Equal("?timeout=60&api-version=2014-01", request.Url.Query);
            Assert.Equal(EventHubsRestClient.BatchContentType, request.Headers["Content-Type"]);
            Assert.StartsWith("SharedAccessSignature ", request.Headers["Authorization"], StringComparison.Ordinal);
        }

        using var first = JsonDocument.Parse(recorded[0].Body);
        var elements = first.RootElement.EnumerateArray().ToArray();
        Assert.Equal(2, elements.Length);
        Assert.Equal(Encoding.UTF8.GetString(plain), elements[0].GetProperty("Body").GetString());
        Assert.False(elements[0].TryGetProperty("IsBodyBase64", out _));
        Assert.Equal("vk-a", elements[0].GetProperty("BrokerProperties").GetProperty("PartitionKey").GetString());
        Assert.True(elements[1].GetProperty("IsBodyBase64").GetBoolean());
        Assert.Equal(gzip, Convert.FromBase64String(elements[1].GetProperty("Body").GetString()!));
        Assert.Equal("gzip", elements[1].GetProperty("UserProperties").GetProperty("contentEncoding").GetString());

        using var second = JsonDocument.Parse(recorded[1].Body);
        Assert.Equal("vk-b", Assert.Single(second.RootElement.EnumerateArray().ToArray()).GetProperty("BrokerProperties").GetProperty("PartitionKey").GetString());
    }

    [Fact]
    public async Task Batches_are_split_at_one_megabyte_and_keep_every_event_once_in_order()
    {
        await using var listener = new LoopbackListener();
        var messages = Enumerable.Range(0, 14).Select(i => Json("vk-a", 300_000, i)).ToList();
        var requests = await Client(listener).SendAsync(messages);

        var recorded = listener.Requests.ToArray();
        Assert.Equal(requests, recorded.Length);
        Assert.True(recorded.Length >= 5, $"{recorded.Length} requests for 4.2 MB");
        Assert.All(recorded, r => Assert.True(r.Body.Length <= 1024 * 1024, $"{r.Body.Length} bytes"));
        var indices = recorded.SelectMany(r =>
        {
            using var doc = JsonDocument.Parse(r.Body);
            return doc.RootElement.EnumerateArray()
                .Select(e => JsonDocument.Parse(e.GetProperty("Body").GetString()!).RootElement.GetProperty("i").GetInt32()).ToArray();
        }).ToList();
        Assert.Equal(Enumerable.Range(0, 14), indices);
    }

    [Fact]
    public async Task An_event_larger_than_a_publication_is_refused_before_sending()
    {
        await using var listener = new LoopbackListener();
        await Assert.ThrowsAsync<ArgumentException>(() => Client(listener).SendAsync([Json("vk", 1_100_000, 0)]));
        Assert.Empty(listener.Requests);
    }

    [Fact]
    public async Task Sas_signature_verifies_independently()
    {
        await using var listener = new LoopbackListener();
        await Client(listener).SendAsync([Json("vk-a", 100, 0)]);
        var header = Assert.Single(listener.Requests).Headers["Authorization"];

        var fields = header["SharedAccessSignature ".Length..].Split('&')
            .Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
        Assert.Equal(KeyName, fields["skn"]);
        Assert.Equal($"http://127.0.0.1:{listener.Port}/vehicle-uploads", WebUtility.UrlDecode(fields["sr"]));
        var expiry = DateTimeOffset.FromUnixTimeSeconds(long.Parse(fields["se"], System.Globalization.CultureInfo.InvariantCulture));
        Assert.InRange(expiry, DateTimeOffset.UtcNow.AddMinutes(30), DateTimeOffset.UtcNow.AddHours(2));

        // What the service does: HMAC-SHA256 with the key over the encoded resource, a newline and the expiry.
        using var hmac = new HMACSHA256(Encoding.UTF8.GetBytes(Key));
        var expected = hmac.ComputeHash(Encoding.UTF8.GetBytes(fields["sr"] + "\n" + fields["se"]));
        Assert.Equal(expected, Convert.FromBase64String(WebUtility.UrlDecode(fields["sig"])));
    }

    [Fact]
    public async Task Throttling_and_unavailability_are_retried()
    {
        await using var listener = new LoopbackListener();
        listener.Script(503, 429);
        var requests = await Client(listener).SendAsync([Json("vk-a", 100, 0)]);
        Assert.Equal(1, requests);
        Assert.Equal(3, listener.Requests.Count);
        Assert.Single(listener.Requests.Select(r => Encoding.UTF8.GetString(r.Body)).Distinct());
    }

    [Fact]
    public async Task A_refusal_surfaces_as_request_failed()
    {
        await using var listener = new LoopbackListener(defaultStatus: 401);
        var ex = await Assert.ThrowsAsync<RequestFailedException>(() => Client(listener).SendAsync([Json("vk-a", 100, 0)]));
        Assert.Equal(401, ex.Status);
        Assert.Single(listener.Requests);
    }
}
