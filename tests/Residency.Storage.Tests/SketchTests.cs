using Residency.Storage.Sketches;
using Xunit;

namespace Residency.Storage.Tests;

/// <summary>The Bloom filter and HyperLogLog sketch: sized as documented, exact where they must be, and round-tripping.</summary>
public sealed class SketchTests
{
    private static readonly List<string> Keys = Enumerable.Range(0, 20_000).Select(i => TestBatches.Sha256(BitConverter.GetBytes(i))).ToList();

    [Theory]
    [InlineData(10)]
    [InlineData(1_000)]
    [InlineData(3_000)]
    public void Bloom_filter_has_no_false_negatives_and_at_most_about_one_percent_false_positives(int count)
    {
        var filter = BloomFilter.ForCapacity(count);
        Keys.Take(count).ToList().ForEach(filter.Add);

        Assert.All(Keys.Take(count), k => Assert.True(filter.MayContain(k)));
        var falsePositives = Keys.Skip(count).Take(10_000).Count(filter.MayContain);
        Assert.InRange(falsePositives / 10_000.0, 0, 0.015);
    }

    [Fact]
    public void Bloom_filter_round_trips_through_its_metadata_and_rejects_inconsistent_values()
    {
        var filter = BloomFilter.ForCapacity(100);
        Keys.Take(100).ToList().ForEach(filter.Add);

        Assert.True(BloomFilter.TryRead(filter.ToBase64(), filter.BitCount.ToString(System.Globalization.CultureInfo.InvariantCulture),
            filter.HashCount.ToString(System.Globalization.CultureInfo.InvariantCulture), out var read));
        Assert.All(Keys.Take(100), k => Assert.True(read.MayContain(k)));
        Assert.False(BloomFilter.TryRead(filter.ToBase64(), "8", "3", out _));
        Assert.False(BloomFilter.TryRead("not base64!", "64", "3", out _));
        Assert.False(BloomFilter.TryRead(null, "64", "3", out _));
    }

    [Fact]
    public void Bloom_filter_stays_inside_the_metadata_budget_for_any_batch()
    {
        var filter = BloomFilter.ForCapacity(1_000_000);

        Assert.True(filter.ToBase64().Length < 6_500);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(100)]
    [InlineData(20_000)]
    public void HyperLogLog_estimates_distinct_keys_within_five_percent_and_ignores_repeats(int count)
    {
        var sketch = new HyperLogLog();
        foreach (var key in Keys.Take(count).Concat(Keys.Take(count)))
        {
            sketch.Add(key);
        }

        Assert.InRange(sketch.Estimate(), count * 0.95, count * 1.05);
    }

    [Fact]
    public void HyperLogLog_sketches_merge_like_the_union_and_round_trip_sparse_and_dense()
    {
        var first = new HyperLogLog();
        var second = new HyperLogLog();
        Keys.Take(12_000).ToList().ForEach(first.Add);
        Keys.Skip(8_000).Take(12_000).ToList().ForEach(second.Add);

        first.Merge(second);

        Assert.InRange(first.Estimate(), 20_000 * 0.95, 20_000 * 1.05);
        var dense = first.ToBase64(out var denseEncoding);
        Assert.Equal("dense", denseEncoding);
        Assert.Equal(first.Estimate(), HyperLogLog.FromBase64(HyperLogLog.DefaultPrecision, denseEncoding, dense).Estimate());
        var small = new HyperLogLog();
        Keys.Take(50).ToList().ForEach(small.Add);
        var sparse = small.ToBase64(out var sparseEncoding);
        Assert.Equal("sparse", sparseEncoding);
        Assert.Equal(small.Estimate(), HyperLogLog.FromBase64(HyperLogLog.DefaultPrecision, sparseEncoding, sparse).Estimate());
        Assert.Throws<FormatException>(() => HyperLogLog.FromBase64(12, "sparse", "AAE="));
    }
}
