using System.Text;
using Xunit;

namespace Residency.Classification.Tests;

/// <summary>Fragments written into a batch's pooled arena are the same bytes as fragments in arrays of their own.</summary>
public class FragmentArenaTests
{
    public static TheoryData<string> Kinds => new(Samples.Kinds);

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Fragments_in_an_arena_match_fragments_in_their_own_arrays(string kind)
    {
        var upload = Samples.Read(kind + ".json");
        var alone = Samples.Classifier.Classify(upload);
        using var arena = new FragmentArena();
        var pooled = Samples.Classifier.Classify(upload, arena);

        Assert.Equal(alone.Fragments.Select(f => (f.Level, f.Category)), pooled.Fragments.Select(f => (f.Level, f.Category)));
        Assert.Equal(alone.Fragments.Select(f => Encoding.UTF8.GetString(f.Json.Span)), pooled.Fragments.Select(f => Encoding.UTF8.GetString(f.Json.Span)));
        Assert.Equal(alone.Fragments.Sum(f => (long)f.Json.Length), arena.BytesTaken);
    }

    [Fact]
    public void Uploads_classified_in_parallel_into_one_arena_keep_their_own_bytes()
    {
        // Every sample 200 times over two threads or more: no two fragments may share bytes, as a batch's events do not.
        var uploads = Samples.Kinds.SelectMany(kind => Enumerable.Repeat(Samples.Read(kind + ".json"), 200)).ToArray();
        var expected = uploads.Select(u => Text(Samples.Classifier.Classify(u))).ToArray();
        using var arena = new FragmentArena();
        var results = new ClassifiedUpload[uploads.Length];

        Parallel.For(0, uploads.Length, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(2, Environment.ProcessorCount) },
            i => results[i] = Samples.Classifier.Classify(uploads[i], arena));

        Assert.Equal(expected, results.Select(Text));
        Assert.True(arena.BytesTaken > 1024 * 1024, "the test should fill more than one shared chunk");
    }

    [Fact]
    public void An_output_larger_than_a_quarter_chunk_gets_memory_of_its_own_and_reads_back_whole()
    {
        // A 400 KB general string: over the arena's shared size, so it is rented alone.
        var big = new string('a', 400 * 1024);
        using var arena = new FragmentArena();
        var small = Samples.Classifier.Classify(Encoding.UTF8.GetBytes(Samples.Minimal("\"odometerKm\":12")), arena);
        var large = Samples.Classifier.Classify(Encoding.UTF8.GetBytes(Samples.Minimal("\"notesXyz\":\"" + big + "\"")), arena);

        Assert.Contains("\"odometerKm\":12", string.Concat(small.Fragments.Select(f => Encoding.UTF8.GetString(f.Json.Span))), StringComparison.Ordinal);
        Assert.Contains(big, string.Concat(large.Fragments.Select(f => Encoding.UTF8.GetString(f.Json.Span))), StringComparison.Ordinal);
    }

    [Fact]
    public void A_disposed_arena_refuses_to_take_more()
    {
        var arena = new FragmentArena();
        arena.Dispose();
        arena.Dispose();

        Assert.Throws<ObjectDisposedException>(() => Samples.Classifier.Classify(Samples.Read("telemetry.json"), arena));
    }

    private static string Text(ClassifiedUpload upload) => string.Join('\n', upload.Fragments.Select(f => f.Level + " " + Encoding.UTF8.GetString(f.Json.Span)));
}
