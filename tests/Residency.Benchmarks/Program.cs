using BenchmarkDotNet.Running;
using Residency.Benchmarks;

// dotnet run -c Release --project tests/Residency.Benchmarks -- --filter '*' --job short
// dotnet run -c Release --project tests/Residency.Benchmarks -- --interleaved   (noise-resistant ratio cross-check)
// dotnet run -c Release --project tests/Residency.Benchmarks -- --false-positives [uploads]   (document detectors on the simulated fleet)
// dotnet run -c Release --project tests/Residency.Benchmarks -- --profile-loop UPLOAD SECONDS   (classify one upload in a loop for dotnet-trace)
if (args.Length > 0 && args[0] == "--false-positives")
{
    FleetFalsePositives.Run(Console.Out, args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 100_000);
    return;
}

if (args.Length == 3 && args[0] == "--profile-loop")
{
    ProfileLoop.Run(Console.Out, args[1], double.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture));
    return;
}

if (args.Contains("--interleaved"))
{
    InterleavedRatio.Run(Console.Out);
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(ClassifyBenchmarks).Assembly).Run(args);
