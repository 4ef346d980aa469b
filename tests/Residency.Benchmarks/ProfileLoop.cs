using System.Diagnostics;

namespace Residency.Benchmarks;

/// <summary>
/// Classifies one upload over and over for a fixed time, so a sampling profiler (perf, as docs/performance.md shows, or dotnet-trace) attached to this process
/// sees only the classifier: `--profile-loop telemetry 20`.
/// </summary>
internal static class ProfileLoop
{
    public static void Run(TextWriter output, string upload, double seconds)
    {
        using var bench = new ClassifyBenchmarks { Upload = upload };
        bench.Setup();
        output.WriteLine($"process {Environment.ProcessId}: classifying {upload} ({bench.PayloadBytes} B) for {seconds} s");
        var watch = Stopwatch.StartNew();
        long count = 0;
        while (watch.Elapsed.TotalSeconds < seconds)
        {
            bench.Classify();
            count++;
        }

        output.WriteLine($"{count} uploads, {watch.Elapsed.TotalMicroseconds / count:F2} us each");
    }
}
