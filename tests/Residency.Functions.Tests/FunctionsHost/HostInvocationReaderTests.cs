using System.Text;
using Residency.FunctionsHost;
using Residency.Ingest;
using Xunit;

namespace Residency.Functions.Tests.FunctionsHost;

public class HostInvocationReaderTests
{
    private const string UploadJson = """{"schema":"vehicle-upload/1"}""";

    // The reference example: every array a JSON string holding its serialization, bodies base64.
    private const string HostEnvelope = """
        {"Data":{"events":"[\"eyJzY2hlbWEiOiJ2ZWhpY2xlLXVwbG9hZC8xIn0=\",\"H4sIAAAAAAAAA6tWKs5OTc1JzFOyUlBKzUvPzEvVT8wpTUxRqgUAuHnQ9BoAAAA=\"]"},
         "Metadata":{"PartitionContext":{"FullyQualifiedNamespace":"ns.servicebus.chinacloudapi.cn",
           "EventHubName":"vehicle-uploads","ConsumerGroup":"residency","PartitionId":"3",
           "IsCheckpointingAfterInvocation":true},
          "SequenceNumberArray":"[1200,1201]","OffsetArray":"[\"4294967296\",\"4294967400\"]",
          "EnqueuedTimeUtcArray":"[\"2026-11-22T08:00:00Z\",\"2026-11-22T08:00:01Z\"]",
          "PartitionKeyArray":"[\"vk-1\",\"vk-1\"]","PropertiesArray":"[{\"contentEncoding\":\"gzip\"},{}]",
          "SystemPropertiesArray":"[{},{}]",
          "sys":{"MethodName":"VehicleIngest","UtcNow":"2026-11-22T08:00:02Z","RandGuid":"6f1c0c1e-8e55-4cbb-9e0b-4f8e3a7c2d10"}}}
        """;

    private static IngestBatch Read(string json) => HostInvocationReader.Read(Encoding.UTF8.GetBytes(json));

    [Fact]
    public void Reads_the_hosts_envelope_with_arrays_as_json_strings()
    {
        var batch = Read(HostEnvelope);
        Assert.Equal("3", batch.PartitionId);
        Assert.Equal(0, batch.RetryCount);
        Assert.Equal(2, batch.Events.Count);
        var first = batch.Events[0];
        Assert.Equal(UploadJson, Encoding.UTF8.GetString(first.Body.Span));
        Assert.Equal(1200, first.SequenceNumber);
        Assert.Equal("4294967296", first.Offset);
        Assert.Equal(new DateTimeOffset(2026, 11, 22, 8, 0, 0, TimeSpan.Zero), first.EnqueuedTimeUtc);
        Assert.Equal("vk-1", first.PartitionKey);
        Assert.Equal("gzip", first.Properties!["contentEncoding"]);
        Assert.Null(first.TransportError);
        var second = batch.Events[1];
        Assert.Equal(1201, second.SequenceNumber);
        Assert.Equal(0x1f, second.Body.Span[0]);
        Assert.Empty(second.Properties!);
    }

    [Fact]
    public void Reads_the_same_envelope_with_plain_arrays_and_numeric_offsets()
    {
        const string json = """
            {"Data":{"events":["eyJzY2hlbWEiOiJ2ZWhpY2xlLXVwbG9hZC8xIn0="]},
             "Metadata":{"PartitionContext":{"PartitionId":"0"},
              "SequenceNumberArray":[7],"OffsetArray":[4294967296],
              "EnqueuedTimeUtcArray":["2026-11-22T08:00:00.1234567Z"],
              "PartitionKeyArray":[null],"PropertiesArray":[{"contentEncoding":"identity","n":3}],
              "SystemPropertiesArray":[{}],"RetryContext":{"MaxRetryCount":-1,"RetryCount":4,"Exception":null},
              "sys":{"MethodName":"VehicleIngest"}}}
            """;
        var batch = Read(json);
        var e = Assert.Single(batch.Events);
        Assert.Equal(UploadJson, Encoding.UTF8.GetString(e.Body.Span));
        Assert.Equal(7, e.SequenceNumber);
        Assert.Equal("4294967296", e.Offset);
        Assert.Null(e.PartitionKey);
        Assert.Equal("3", e.Properties!["n"]);
        Assert.Equal(4, batch.RetryCount);
    }

    [Fact]
    public void Accepts_json_text_elements_and_json_object_elements()
    {
        const string json = """
            {"Data":{"events":"[\"{\\\"schema\\\":\\\"vehicle-upload/1\\\"}\", {\"schema\":\"vehicle-upload/1\"}]"},
             "Metadata":{"PartitionContext":{"PartitionId":"1"},"SequenceNumberArray":"[1,2]"}}
            """;
        var batch = Read(json);
        Assert.All(batch.Events, e => Assert.Equal(UploadJson, Encoding.UTF8.GetString(e.Body.Span)));
        Assert.All(batch.Events, e => Assert.Null(e.TransportError));
        Assert.All(batch.Events, e => Assert.Null(e.Properties));
    }

    [Fact]
    public void A_body_that_is_neither_base64_nor_json_becomes_a_transport_error_not_an_exception()
    {
        const string json = """
            {"Data":{"events":["not base64!", 42, "eyJzY2hlbWEiOiJ2ZWhpY2xlLXVwbG9hZC8xIn0="]},
             "Metadata":{"PartitionContext":{"PartitionId":"1"},"SequenceNumberArray":[1,2,3]}}
            """;
        var batch = Read(json);
        Assert.Equal(HostInvocationReader.InvalidBase64Reason, batch.Events[0].TransportError);
        Assert.Equal("not base64!", Encoding.UTF8.GetString(batch.Events[0].Body.Span));
        Assert.Equal(HostInvocationReader.InvalidElementReason, batch.Events[1].TransportError);
        Assert.Null(batch.Events[2].TransportError);
    }

    [Theory]
    [InlineData("not json", "not valid JSON")]
    [InlineData("[]", "not a JSON object")]
    [InlineData("""{"Metadata":{}}""", "Data is missing")]
    [InlineData("""{"Data":{},"Metadata":{"PartitionContext":{"PartitionId":"1"}}}""", "Data.events is missing")]
    [InlineData("""{"Data":{"events":[]},"Metadata":{}}""", "PartitionContext is missing")]
    [InlineData("""{"Data":{"events":[]},"Metadata":{"PartitionContext":{}}}""", "PartitionId is missing")]
    [InlineData("""{"Data":{"events":["e30="]},"Metadata":{"PartitionContext":{"PartitionId":"1"}}}""", "SequenceNumberArray is missing")]
    [InlineData("""{"Data":{"events":["e30="]},"Metadata":{"PartitionContext":{"PartitionId":"1"},"SequenceNumberArray":"[1,2]"}}""", "has 2 entries for 1 events")]
    [InlineData("""{"Data":{"events":["e30="]},"Metadata":{"PartitionContext":{"PartitionId":"1"},"SequenceNumberArray":["x"]}}""", "SequenceNumberArray[0] is not a sequence number")]
    [InlineData("""{"Data":{"events":["e30="]},"Metadata":{"PartitionContext":{"PartitionId":"1"},"SequenceNumberArray":[-5]}}""", "SequenceNumberArray[0] is not a sequence number")]
    [InlineData("""{"Data":{"events":["e30=","e30="]},"Metadata":{"PartitionContext":{"PartitionId":"1"},"SequenceNumberArray":[4,4]}}""", "SequenceNumberArray[1] repeats")]
    [InlineData("""{"Data":{"events":["e30="]},"Metadata":{"PartitionContext":{"PartitionId":"../x"},"SequenceNumberArray":[1]}}""", "PartitionId is not an Event Hubs partition id")]
    [InlineData("""{"Data":{"events":["e30="]},"Metadata":{"PartitionContext":{"PartitionId":"1\nLSJA24U62JG269225"},"SequenceNumberArray":[1]}}""", "PartitionId is not an Event Hubs partition id")]
    [InlineData("""{"Data":{"events":["e30="]},"Metadata":{"PartitionContext":{"PartitionId":"0123"},"SequenceNumberArray":[1]}}""", "PartitionId is not an Event Hubs partition id")]
    [InlineData("""{"Data":{"events":"[\"e30=\"] trailing"},"Metadata":{"PartitionContext":{"PartitionId":"1"},"SequenceNumberArray":[1]}}""", "does not hold a JSON array")]
    [InlineData("""{"Data":{"events":"e30="},"Metadata":{"PartitionContext":{"PartitionId":"1"},"SequenceNumberArray":[1]}}""", "events is a string that does not hold a JSON array")]
    public void An_unusable_envelope_is_refused_with_a_message_naming_the_key(string json, string expected)
    {
        var ex = Assert.Throws<InvalidInvocationException>(() => Read(json));
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unusable_optional_metadata_is_ignored_rather_than_blocking_the_partition()
    {
        const string json = """
            {"Data":{"events":["e30=","e30="]},
             "Metadata":{"PartitionContext":{"PartitionId":"2"},"SequenceNumberArray":[5,6],
              "OffsetArray":"[1]","EnqueuedTimeUtcArray":["yesterday",null],"PartitionKeyArray":42,
              "PropertiesArray":["x",{"contentEncoding":"gzip"}]}}
            """;
        var batch = Read(json);
        Assert.All(batch.Events, e => Assert.Null(e.Offset));
        Assert.All(batch.Events, e => Assert.Null(e.EnqueuedTimeUtc));
        Assert.All(batch.Events, e => Assert.Null(e.PartitionKey));
        Assert.Null(batch.Events[0].Properties);
        Assert.Equal("gzip", batch.Events[1].Properties!["contentEncoding"]);
    }

    [Theory]
    [InlineData(HostArrayEncoding.JsonString)]
    [InlineData(HostArrayEncoding.JsonArray)]
    public void Writer_and_reader_round_trip_every_field(HostArrayEncoding encoding)
    {
        var random = new Random(42);
        var events = Enumerable.Range(0, 25).Select(i =>
        {
            var body = new byte[random.Next(1, 500)];
            random.NextBytes(body);
            return new IngestEvent(body, 1000 + i, (4096L * i).ToString(System.Globalization.CultureInfo.InvariantCulture),
                new DateTimeOffset(2026, 11, 22, 8, 0, i, 123, TimeSpan.Zero), i % 3 == 0 ? null : $"vk-{i % 4}",
                new Dictionary<string, string> { ["contentEncoding"] = i % 2 == 0 ? "gzip" : "identity", ["i"] = $"{i}" });
        }).ToList();
        var written = HostInvocationWriter.Write(new IngestBatch("5", events, RetryCount: 2), encoding);
        var read = HostInvocationReader.Read(written);

        Assert.Equal("5", read.PartitionId);
        Assert.Equal(2, read.RetryCount);
        Assert.Equal(events.Count, read.Events.Count);
        for (var i = 0; i < events.Count; i++)
        {
            Assert.Equal(events[i].Body.ToArray(), read.Events[i].Body.ToArray());
            Assert.Equal(events[i].SequenceNumber, read.Events[i].SequenceNumber);
            Assert.Equal(events[i].Offset, read.Events[i].Offset);
            Assert.Equal(events[i].EnqueuedTimeUtc, read.Events[i].EnqueuedTimeUtc);
            Assert.Equal(events[i].PartitionKey, read.Events[i].PartitionKey);
            Assert.Equal(events[i].Properties, read.Events[i].Properties);
        }
    }

    [Fact]
    public void A_partition_id_of_seventy_characters_is_refused_and_the_message_does_not_repeat_it()
    {
        var id = new string('9', 70);
        var json = """{"Data":{"events":["e30="]},"Metadata":{"PartitionContext":{"PartitionId":"ID"},"SequenceNumberArray":[1]}}""".Replace("ID", id, StringComparison.Ordinal);

        var e = Assert.Throws<InvalidInvocationException>(() => Read(json));

        Assert.DoesNotContain(id, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void More_events_than_a_host_batch_holds_are_refused()
    {
        var events = string.Join(",", Enumerable.Repeat("\"e30=\"", HostInvocationReader.MaxEvents + 1));
        var sequences = string.Join(",", Enumerable.Range(0, HostInvocationReader.MaxEvents + 1));
        var json = """{"Data":{"events":[EVENTS]},"Metadata":{"PartitionContext":{"PartitionId":"1"},"SequenceNumberArray":[SEQUENCES]}}"""
            .Replace("EVENTS", events, StringComparison.Ordinal).Replace("SEQUENCES", sequences, StringComparison.Ordinal);

        var e = Assert.Throws<InvalidInvocationException>(() => Read(json));

        Assert.Contains($"more than {HostInvocationReader.MaxEvents} events", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_offset_outside_event_hubs_form_is_dropped_not_fatal()
    {
        const string json = """{"Data":{"events":["e30="]},"Metadata":{"PartitionContext":{"PartitionId":"1"},"SequenceNumberArray":[1],"OffsetArray":["12\n34"]}}""";

        Assert.Null(Assert.Single(Read(json).Events).Offset);
    }

    [Fact]
    public void Writer_sends_arrays_as_json_strings_like_the_host()
    {
        var written = Encoding.UTF8.GetString(HostInvocationWriter.Write(
            new IngestBatch("0", [new IngestEvent(Encoding.UTF8.GetBytes("{}"), 9)])));
        Assert.Contains("\"events\":\"[\\\"e30=\\\"]\"", written, StringComparison.Ordinal);
        Assert.Contains("\"SequenceNumberArray\":\"[9]\"", written, StringComparison.Ordinal);
        Assert.Contains("\"PartitionContext\":{", written, StringComparison.Ordinal);
    }

    [Fact]
    public void Writer_escapes_like_the_hosts_newtonsoft_writer()
    {
        // Base64 holds '+' and '/': the host leaves both as they are, and escapes a quote as \".
        var written = Encoding.UTF8.GetString(HostInvocationWriter.Write(
            new IngestBatch("0", [new IngestEvent(new byte[] { 0xfb, 0xff, 0xbf }, 9, PartitionKey: "车-1")])));

        Assert.Contains("\"events\":\"[\\\"+/+/\\\"]\"", written, StringComparison.Ordinal);
        Assert.Contains("车-1", written, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""[\"e30=\",\"eyJhIjoxfQ==\"]""")]
    [InlineData("""[\u0022e30=\u0022,\u0022eyJhIjoxfQ==\u0022]""")]
    [InlineData("""[ \"e30=\" , \"eyJhIjoxfQ==\" ]""")]
    [InlineData("""[\"e30\u003d\",\"eyJhIjoxfQ\u003d\u003d\"]""")]
    public void Every_escaping_of_the_events_string_reads_the_same_bodies(string escapedArray)
    {
        var json = """{"Data":{"events":"ARRAY"},"Metadata":{"PartitionContext":{"PartitionId":"1"},"SequenceNumberArray":"[1,2]"}}"""
            .Replace("ARRAY", escapedArray, StringComparison.Ordinal);

        var batch = Read(json);

        Assert.Equal(["{}", "{\"a\":1}"], batch.Events.Select(e => Encoding.UTF8.GetString(e.Body.Span)));
        Assert.All(batch.Events, e => Assert.Null(e.TransportError));
    }

    [Theory]
    [InlineData("""[\"not base64!\",\"e30=\"]""", 0)]
    [InlineData("""[\"e30=\",\"e30\"]""", 1)]
    public void A_bad_element_in_the_hosts_usual_form_still_gets_its_reason(string escapedArray, int bad)
    {
        var json = """{"Data":{"events":"ARRAY"},"Metadata":{"PartitionContext":{"PartitionId":"1"},"SequenceNumberArray":"[1,2]"}}"""
            .Replace("ARRAY", escapedArray, StringComparison.Ordinal);

        var batch = Read(json);

        Assert.Equal(HostInvocationReader.InvalidBase64Reason, batch.Events[bad].TransportError);
        Assert.Null(batch.Events[1 - bad].TransportError);
    }

    [Fact]
    public void Metadata_arrays_of_a_thousand_objects_are_read_in_order()
    {
        var events = Enumerable.Range(0, 1000).Select(i => new IngestEvent(Encoding.UTF8.GetBytes("{}"), i, PartitionKey: $"k{i}",
            Properties: new Dictionary<string, string> { ["n"] = i.ToString(System.Globalization.CultureInfo.InvariantCulture) })).ToList();

        var batch = HostInvocationReader.Read(HostInvocationWriter.Write(new IngestBatch("2", events)));

        Assert.Equal(Enumerable.Range(0, 1000).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)), batch.Events.Select(e => e.Properties!["n"]));
        Assert.Equal(Enumerable.Range(0, 1000).Select(i => $"k{i}"), batch.Events.Select(e => e.PartitionKey));
    }
}
