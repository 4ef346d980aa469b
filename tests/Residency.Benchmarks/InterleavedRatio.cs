using System.Diagnostics;

namespace Residency.Benchmarks;

/// <summary>
/// A noise-resistant cross-check of the BenchmarkDotNet ratio on a shared machine: classify (into arrays of its own and
/// into a batch's arena, as the handler does) and copy run in alternating rounds and the fastest round of each counts, so a burst of load from other processes hits both.
/// Not a replacement for the BenchmarkDotNet run (no allocation figures, no statistics).
/// </summary>
internal static class InterleavedRatio
{
    public static void Run(TextWriter output)
    {
        output.WriteLine("upload                  payload   classify us   into an arena us   copy us   copy/classify throughput   copy/arena   classify us/KB");
        var perKilobyte = new Dictionary<string, double>();
        string[] common = ["telemetry", "event", "cabin", "trip", "account", "trip-500-points"];
        foreach (var upload in common.Concat(WorstCaseUploads.Names))
        {
            using var bench = new ClassifyBenchmarks { Upload = upload };
            bench.Setup();
            var rounds = upload.StartsWith("worst", StringComparison.Ordinal) ? 2 : upload.StartsWith("trip-500", StringComparison.Ordinal) ? 200 : 2000;
            for (var i = 0; i < rounds * 5; i++)
            {
                bench.Classify();
                bench.ClassifyIntoArena();
                bench.Copy();
            }

            double classify = double.MaxValue, arena = double.MaxValue, copy = double.MaxValue;
            for (var round = 0; round < 21; round++)
            {
                var watch = Stopwatch.StartNew();
                for (var i = 0; i < rounds; i++)
                {
                    bench.Classify();
                }

                classify = Math.Min(classify, watch.Elapsed.TotalMicroseconds / rounds);
                watch.Restart();
                for (var i = 0; i < rounds; i++)
                {
                    bench.ClassifyIntoArena();
                }

                arena = Math.Min(arena, watch.Elapsed.TotalMicroseconds / rounds);
                watch.Restart();
                for (var i = 0; i < rounds; i++)
                {
                    bench.Copy();
                }

                copy = Math.Min(copy, watch.Elapsed.TotalMicroseconds / rounds);
            }

            perKilobyte[upload] = classify / (bench.PayloadBytes / 1024.0);
            output.WriteLine($"{upload,-22} {bench.PayloadBytes,9} {classify,12:F2} {arena,18:F2} {copy,9:F2} {copy / classify,12:F2} {copy / arena,27:F2} {perKilobyte[upload],16:F2}");
        }

        // The linear-time target: a 1 MB worst case costs at most 10x a common upload per KB.
        var commonPerKilobyte = common.Take(5).Average(u => perKilobyte[u]);
        output.WriteLine($"common uploads (telemetry..account) average {commonPerKilobyte:F2} us/KB");
        foreach (var upload in WorstCaseUploads.Names)
        {
            output.WriteLine($"{upload,-22} {perKilobyte[upload] / commonPerKilobyte,6:F2}x the common per-KB time (target at most 10x)");
        }
    }
}
