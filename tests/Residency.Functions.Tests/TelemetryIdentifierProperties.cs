using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using FsCheck;
using FsCheck.Fluent;
using Residency.Functions.Tests.Infrastructure;
using Residency.Ingest;
using Residency.Ingest.Telemetry;
using Residency.Testing;
using Xunit;

namespace Residency.Functions.Tests;

/// <summary>
/// Property: whatever identifiers an upload carries (VIN, phone, ID-like numbers, free text, its partition key and
/// trace context), no instrument tag and no span attribute carries any of them; tag names are only those of the list.
/// </summary>
[Collection(AzuriteGroup.Name)]
public sealed class TelemetryIdentifierProperties(AzuriteFixture azurite)
{
    private const string VinCharacters = "ABCDEFGHJKLMNPRSTUVWXYZ0123456789";

    private static readonly Gen<string> Vins = Gen.Elements(VinCharacters.ToCharArray()).ArrayOf(17).Select(c => new string(c));

    private static readonly Gen<string> Phones = Gen.Choose(300_000_000, 999_999_999).Select(n => "13" + n.ToString(CultureInfo.InvariantCulture));

    private static readonly Gen<string> Tokens = Gen.Elements("abcdefghijklmnopqrstuvwxyz0123456789".ToCharArray()).ArrayOf(12).Select(c => "id-" + new string(c));

    [Fact]
    public async Task No_instrument_tag_or_span_attribute_carries_an_identifier_from_the_upload()
    {
        using var capture = new TelemetryCapture();
        await using var handler = await RunningHandler.StartAsync(RunningHandler.DevelopmentSettings(azurite.ConnectionString));
        var partition = Uploads.NewPartition();
        var sequence = 0L;
        var known = TelemetryNames.Instruments.SelectMany(i => i.Tags).Concat(TelemetryNames.SpanAttributes).ToHashSet(StringComparer.Ordinal);

        Prop.ForAll(
            (from vin in Vins from phone in Phones from token in Tokens from gzip in Gen.Elements(false, true) select (vin, phone, token, gzip)).ToArbitrary(),
            t =>
            {
                var body = Upload(t.vin, t.phone, t.token);
                var properties = new Dictionary<string, string> { ["traceparent"] = $"00-{Guid.NewGuid():N}-{t.token[3..]}abcd-01", ["device"] = t.token };
                var e = new IngestEvent(t.gzip ? Uploads.Gzip(body) : body, ++sequence, null, DateTimeOffset.UtcNow, t.vin, properties);
                var reply = handler.InvokeAsync(new IngestBatch(partition, [e])).GetAwaiter().GetResult();

                var values = capture.Measurements.SelectMany(m => m.Tags)
                    .Concat(capture.Spans.SelectMany(s => s.TagObjects))
                    .ToList();
                var text = string.Join("\n", values.Select(v => Convert.ToString(v.Value, CultureInfo.InvariantCulture)));
                return reply.StatusCode == 200
                    && values.All(v => known.Contains(v.Key))
                    && !text.Contains(t.vin, StringComparison.Ordinal)
                    && !text.Contains(t.phone, StringComparison.Ordinal)
                    && !text.Contains(t.token, StringComparison.Ordinal);
            }).Check(Config.QuickThrowOnFailure.WithMaxTest(15));

        // The property ran against the real pipeline: the partition's events were counted.
        Assert.Equal(15, capture.Of(TelemetryNames.Events, partition).Sum(m => m.Value));
    }

    private static byte[] Upload(string vin, string phone, string token)
    {
        var upload = JsonNode.Parse(Uploads.Sample("account"))!.AsObject();
        upload["vin"] = vin;
        upload["notes"] = $"owner {phone} token {token}";
        upload["owner"] = new JsonObject { ["phone"] = phone, ["accountId"] = token };
        return Encoding.UTF8.GetBytes(upload.ToJsonString());
    }
}
