using System.Text;
using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using Residency.Classification.Policy;
using Residency.Classification.Streaming;
using Xunit;

namespace Residency.Classification.Tests;

public class ValueTransformTests
{
    [Fact]
    public void Fast_second_truncation_matches_parse_and_format()
    {
        var timestamps =
            from ticks in Gen.Choose(0, int.MaxValue)
            from scale in Gen.Choose(1, 2000)
            from fraction in Gen.Choose(0, 7)
            let time = new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddSeconds((double)ticks * scale / 2000 * 40).AddTicks(ticks % 10_000_000)
            select time.ToString(fraction == 0 ? "yyyy-MM-ddTHH:mm:ss'Z'" : "yyyy-MM-ddTHH:mm:ss." + new string('f', fraction) + "'Z'", System.Globalization.CultureInfo.InvariantCulture);
        Prop.ForAll(timestamps.ToArbitrary(), text =>
        {
            Span<byte> fast = stackalloc byte[20];
            Assert.True(ValueTransforms.TryTruncateUtcToSecond(Encoding.ASCII.GetBytes(text), fast));
            return Encoding.ASCII.GetString(fast) == Slow(text);
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Ascii_mask_matches_the_rune_by_rune_mask()
    {
        var text = Gen.Elements("ab1@.-+ xyzA9".ToCharArray()).ArrayOf().Select(c => new string(c));
        var actions = from first in Gen.Choose(0, 5)
                      from last in Gen.Choose(0, 5)
                      from keepFrom in Gen.Elements<string?>(null, "@", ".", "€", "x")
                      select new RuleAction(RuleActionKind.Mask) { KeepFirst = first, KeepLast = last, KeepFrom = keepFrom };
        Prop.ForAll(
            (from value in text from action in actions select (value, action)).ToArbitrary(),
            t =>
            {
                var utf8 = Encoding.UTF8.GetBytes(t.value);
                ByteBuffer fast = new(), general = new();
                ValueTransforms.Mask(utf8, t.action, fast);
                ValueTransforms.MaskRunes(utf8, t.action, general);
                return fast.Written.SequenceEqual(general.Written);
            }).QuickCheckThrowOnFailure();
    }

    [Theory]
    [InlineData("2026-02-30T08:15:00Z")]
    [InlineData("2026-11-22T24:00:00Z")]
    [InlineData("2026-11-22T08:15:00+08:00")]
    [InlineData("2026-11-22T08:15:00.Z")]
    [InlineData("2026-11-22 08:15:00Z")]
    [InlineData("2026-11-22T08:15:0aZ")]
    public void Fast_truncation_leaves_other_forms_to_the_parser(string text)
    {
        Span<byte> destination = stackalloc byte[20];
        Assert.False(ValueTransforms.TryTruncateUtcToSecond(Encoding.ASCII.GetBytes(text), destination));
    }

    [Fact]
    public void Offsets_are_converted_to_utc_before_truncation()
    {
        var upload = Samples.Classify(Samples.Minimal("\"trajectory\":[{\"t\":\"2026-11-22T00:30:59.9+08:00\",\"lat\":31.2,\"lon\":121.4}]"));
        Assert.Equal("2026-11-21T16:30:59Z", Samples.Fragment(upload, DataLevel.Sensitive).GetProperty("trajectory")[0].GetProperty("t").GetString());
    }

    [Theory]
    [InlineData("13800138000", 3, 4, null, "138****8000")]
    [InlineData("王小明", 1, 0, null, "王**")]
    [InlineData("wang.xm@example.cn", 1, 0, "@", "w******@example.cn")]
    [InlineData("ab", 3, 4, null, "ab")]
    public void Mask_works_per_character(string value, int keepFirst, int keepLast, string? keepFrom, string expected)
    {
        var output = new ByteBuffer();
        ValueTransforms.Mask(Encoding.UTF8.GetBytes(value), new RuleAction(RuleActionKind.Mask) { KeepFirst = keepFirst, KeepLast = keepLast, KeepFrom = keepFrom }, output);
        Assert.Equal(expected, Encoding.UTF8.GetString(output.Written));
    }

    private static string Slow(string text)
    {
        var reader = new Utf8JsonReader(Encoding.ASCII.GetBytes("\"" + text + "\""));
        reader.Read();
        Assert.True(reader.TryGetDateTimeOffset(out var value));
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStringValue(ValueTransforms.Truncate(value, TimestampUnit.Second));
        }

        return Encoding.ASCII.GetString(stream.ToArray()).Trim('"');
    }
}
