using System.IO.Compression;
using System.Text;
using Residency.Ingest.Decoding;
using Xunit;

namespace Residency.Ingest.Tests.Decoding;

public class EventDecoderTests
{
    private static readonly byte[] Upload = Encoding.UTF8.GetBytes(
        """{"schema":"vehicle-upload/1","messageId":"0f8fad5b-d9cb-469f-a165-70867728950e","vin":"LSJA24U62JG269225","capturedAt":"2026-11-22T08:15:30Z","notes":"车辆"}""");

    private static byte[] Gzip(byte[] data)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.SmallestSize))
        {
            gzip.Write(data);
        }

        return output.ToArray();
    }

    private static Dictionary<string, string> Encoding_(string value) => new() { ["contentEncoding"] = value };

    [Fact]
    public void Plain_utf8_passes_through_unchanged()
    {
        var result = new EventDecoder().Decode(Upload);
        Assert.True(result.Succeeded);
        Assert.False(result.WasGzip);
        Assert.Equal(Upload, result.Utf8.ToArray());
    }

    [Fact]
    public void A_utf8_byte_order_mark_is_removed_plain_or_gzip()
    {
        byte[] withBom = [0xef, 0xbb, 0xbf, .. Upload];
        Assert.Equal(Upload, new EventDecoder().Decode(withBom).Utf8.ToArray());
        Assert.Equal(Upload, new EventDecoder().Decode(Gzip(withBom)).Utf8.ToArray());
    }

    [Fact]
    public void Gzip_is_detected_by_magic_bytes_without_property()
    {
        var result = new EventDecoder().Decode(Gzip(Upload));
        Assert.True(result.Succeeded);
        Assert.True(result.WasGzip);
        Assert.Equal(Upload, result.Utf8.ToArray());
    }

    [Theory]
    [InlineData("gzip")]
    [InlineData("GZIP")]
    [InlineData(" gzip ")]
    public void Gzip_is_decoded_when_the_property_says_so(string value)
    {
        var result = new EventDecoder().Decode(Gzip(Upload), Encoding_(value));
        Assert.True(result.Succeeded);
        Assert.Equal(Upload, result.Utf8.ToArray());
    }

    [Fact]
    public void Gzip_property_on_a_plain_body_is_refused()
    {
        var result = new EventDecoder().Decode(Upload, Encoding_("gzip"));
        Assert.Equal(DecodeReasons.InvalidGzip, result.ReasonCode);
    }

    [Fact]
    public void Unknown_encoding_is_refused()
    {
        var result = new EventDecoder().Decode(Upload, Encoding_("br"));
        Assert.Equal(DecodeReasons.UnsupportedEncoding, result.ReasonCode);
    }

    [Fact]
    public void Truncated_gzip_is_refused()
    {
        var gz = Gzip(Upload);
        var result = new EventDecoder().Decode(gz.AsMemory(0, gz.Length / 2));
        Assert.Equal(DecodeReasons.InvalidGzip, result.ReasonCode);
    }

    [Theory]
    [InlineData(new byte[] { 0x1f, 0x8b, 0x08 })]
    [InlineData(new byte[] { 0x1f, 0x8b, 0x08, 0, 0, 0, 0, 0, 0, 0x03 })]
    public void Gzip_header_alone_is_refused(byte[] body)
    {
        Assert.Equal(DecodeReasons.InvalidGzip, new EventDecoder().Decode(body).ReasonCode);
    }

    [Fact]
    public void Empty_body_is_refused()
    {
        Assert.Equal(DecodeReasons.EmptyEvent, new EventDecoder().Decode(ReadOnlyMemory<byte>.Empty).ReasonCode);
    }

    [Fact]
    public void Oversized_body_is_refused_before_anything_else()
    {
        var decoder = new EventDecoder(new EventDecoderOptions { MaxEventBytes = 100 });
        Assert.Equal(DecodeReasons.EventTooLarge, decoder.Decode(new byte[101]).ReasonCode);
        Assert.True(decoder.Decode(Encoding.UTF8.GetBytes("{}")).Succeeded);
    }

    [Fact]
    public void Gzip_bomb_is_refused_by_the_expansion_ratio()
    {
        // 8 MiB of zeros compresses to about 8 KB: a ratio around 1000, caught long before the size limit.
        var bomb = Gzip(new byte[8 * 1024 * 1024]);
        Assert.True(bomb.Length < 16 * 1024);
        var result = new EventDecoder().Decode(bomb);
        Assert.False(result.Succeeded);
        Assert.Equal(DecodeReasons.GzipBomb, result.ReasonCode);
        Assert.True(result.WasGzip);
    }

    [Fact]
    public void Large_gzip_bomb_is_refused_without_inflating_it()
    {
        // 256 MiB of zeros in about 256 KB: refused as a bomb after a few hundred KB of output.
        var bomb = Gzip(new byte[256 * 1024 * 1024]);
        var result = new EventDecoder().Decode(bomb);
        Assert.Equal(DecodeReasons.GzipBomb, result.ReasonCode);
    }

    [Fact]
    public void Decompressed_size_limit_applies_to_plausible_ratios()
    {
        var random = new Random(7);
        var text = new StringBuilder("{\"notes\":\"");
        while (text.Length < 300_000)
        {
            text.Append(random.Next(0, 1_000_000)).Append(' ');
        }

        text.Append("\"}");
        var gz = Gzip(Encoding.UTF8.GetBytes(text.ToString()));
        var decoder = new EventDecoder(new EventDecoderOptions { MaxDecodedBytes = 200_000 });
        Assert.Equal(DecodeReasons.DecompressedTooLarge, decoder.Decode(gz).ReasonCode);
        Assert.True(new EventDecoder().Decode(gz).Succeeded);
    }

    [Fact]
    public void Small_highly_repetitive_uploads_are_not_mistaken_for_bombs()
    {
        var json = "{\"cells\":[" + string.Join(",", Enumerable.Repeat("3300", 10_000)) + "]}";
        var gz = Gzip(Encoding.UTF8.GetBytes(json));
        Assert.True(json.Length / gz.Length > 100);
        Assert.True(new EventDecoder().Decode(gz).Succeeded);
    }

    [Theory]
    [InlineData(new byte[] { 0x7b, 0xff, 0x7d })]
    [InlineData(new byte[] { 0x7b, 0xc3, 0x7d })]
    [InlineData(new byte[] { 0xed, 0xa0, 0x80 })]
    public void Invalid_utf8_is_refused(byte[] body)
    {
        Assert.Equal(DecodeReasons.InvalidUtf8, new EventDecoder().Decode(body).ReasonCode);
        Assert.Equal(DecodeReasons.InvalidUtf8, new EventDecoder().Decode(Gzip(body)).ReasonCode);
    }

    [Fact]
    public void Refusal_details_never_quote_the_content()
    {
        byte[] secret = [.. Encoding.UTF8.GetBytes("LSJA24U62JG269225"), 0xff];
        foreach (var (body, encoding) in new[] { (secret, "gzip"), (Gzip(secret), "gzip"), (secret, "identity"), (Gzip(secret)[..20], "gzip") })
        {
            var result = new EventDecoder().Decode(body, Encoding_(encoding));
            Assert.False(result.Succeeded);
            Assert.DoesNotContain("LSJA", result.Detail!, StringComparison.Ordinal);
        }
    }
}
