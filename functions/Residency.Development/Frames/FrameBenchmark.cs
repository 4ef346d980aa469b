using Residency.Frames;
using SkiaSharp;

namespace Residency.Development.Frames;

/// <summary>
/// Runs a <see cref="FrameDeidentifier"/> over the synthetic sets of each size, one frame at a time on the calling thread,
/// and reports time per stage (median, p90), frames per second per core, face and plate recall (a region overlapping the
/// truth) and false alterations of clean frames. Generating the frames is not timed. For the CLI and tests/Residency.Frames.Bench.
/// </summary>
public static class FrameBenchmark
{
    /// <summary>Runs every size; <paramref name="progress"/> gets one line per finished size.</summary>
    public static FrameBenchmarkReport Run(FrameDeidentifier deidentifier, SyntheticFrames generator, FrameBenchmarkSettings settings,
        int intraOpThreads, Action<string>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(deidentifier);
        ArgumentNullException.ThrowIfNull(generator);
        ArgumentNullException.ThrowIfNull(settings);
        var rows = new List<FrameSizeReport>();
        foreach (var (width, height) in settings.Sizes)
        {
            var faces = generator.FaceSet(width, height, settings.FacesPerSize, settings.Seed);
            var plates = generator.PlateSet(width, height, settings.PlatesPerKind, settings.Seed);
            var clean = SyntheticFrames.CleanSet(width, height, settings.CleanPerSize, settings.Seed);
            foreach (var frame in faces.Concat(plates).Take(settings.WarmUpFrames))
            {
                deidentifier.Deidentify(frame.Jpeg, settings.Options);
            }

            var timings = new List<StageTimings>();
            FrameResult Run(SyntheticFrame frame)
            {
                var result = deidentifier.Deidentify(frame.Jpeg, settings.Options);
                timings.Add(result.Timings);
                return result;
            }

            var facesFound = faces.Count(f => Found(Run(f), RegionKind.Face, f));
            var byKind = plates.GroupBy(p => p.PlateKind!.Value)
                .ToDictionary(g => g.Key, g => (Found: g.Count(p => Found(Run(p), RegionKind.Plate, p)), Frames: g.Count()));
            var falseAlterations = clean.Count(f => Run(f).Outcome != FrameOutcome.Unchanged);
            var row = new FrameSizeReport(width, height, timings.Count, Statistics(timings), timings.Average(t => t.Total.TotalMilliseconds),
                facesFound, faces.Count, byKind.Values.Sum(v => v.Found), plates.Count, byKind, falseAlterations, clean.Count);
            rows.Add(row);
            progress?.Invoke($"{width}x{height}: {row.Frames} frames, {row.MeanTotalMs:F1} ms mean");
        }

        return new FrameBenchmarkReport(rows, intraOpThreads, settings.Options.ToString());
    }

    // Found: a region of the kind covers at least 30% of the truth or the truth 30% of it.
    private static bool Found(FrameResult result, RegionKind kind, SyntheticFrame frame) =>
        frame.Truth is { } truth && result.Regions.Any(r => r.Kind == kind && Overlaps(new SKRectI(r.X, r.Y, r.X + r.Width, r.Y + r.Height), truth));

    private static bool Overlaps(SKRectI a, SKRectI b)
    {
        var inner = SKRectI.Intersect(a, b);
        if (inner.IsEmpty)
        {
            return false;
        }

        var area = (long)inner.Width * inner.Height;
        return area >= 0.3 * Math.Min((long)a.Width * a.Height, (long)b.Width * b.Height);
    }

    private static List<StageStatistics> Statistics(List<StageTimings> timings)
    {
        (string Name, Func<StageTimings, TimeSpan> Of)[] stages =
        [
            ("decode", t => t.Decode), ("faces", t => t.Faces), ("text detection", t => t.TextDetection),
            ("recognition", t => t.Recognition), ("blur", t => t.Blur), ("encode", t => t.Encode), ("total", t => t.Total),
        ];
        return [.. stages.Select(s =>
        {
            var values = timings.Select(t => s.Of(t).TotalMilliseconds).Order().ToArray();
            return new StageStatistics(s.Name, Percentile(values, 0.5), Percentile(values, 0.9));
        })];
    }

    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
}
