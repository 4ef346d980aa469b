using System.Diagnostics;

namespace Residency.Benchmarks;

/// <summary>
/// A noise-resistant cross-check of the BenchmarkDotNet ratio on a shared machine: classify and copy run in
/// alternating rounds and the fastest round of each counts, so a burst of load from other processes hits both.
/// Not a replacement for the BenchmarkDotNet run (no allocation figures, no statistics).
/// </summary>
internal static class InterleavedRatio
{
    public static void Run(TextWriter output)
    {
        output.WriteLine("upload            payload   classify us   copy us   copy/classify throughput");
        foreach (var upload in new[] { "telemetry", "event", "cabin", "trip", "account", "trip-500-points" })
        {
            using var bench = new ClassifyBenchmarks { Upload = upload };
            bench.Setup();
            var rounds = upload.StartsWith("trip-500", StringComparison.Ordinal) ? 200 : 2000;
            for (var i = 0; i < rounds * 5; i++)
            {
                bench.Classify();
                bench.Copy();
            }

            double classify = double.MaxValue, copy = double.MaxValue;
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
                    bench.Copy();
                }

                copy = Math.Min(copy, watch.Elapsed.TotalMicroseconds / rounds);
            }

            output.WriteLine($"{upload,-16} {bench.PayloadBytes,8} {classify,12:F2} {copy,9:F2} {copy / classify,12:F2}");
        }
    }
}
