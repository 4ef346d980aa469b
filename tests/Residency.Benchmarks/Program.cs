using BenchmarkDotNet.Running;
using Residency.Benchmarks;

// dotnet run -c Release --project tests/Residency.Benchmarks -- --filter '*' --job short
// dotnet run -c Release --project tests/Residency.Benchmarks -- --interleaved   (noise-resistant ratio cross-check)
if (args.Contains("--interleaved"))
{
    InterleavedRatio.Run(Console.Out);
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(ClassifyBenchmarks).Assembly).Run(args);
