using BenchmarkDotNet.Running;

// dotnet run -c Release --project tests/Residency.Benchmarks -- --filter '*' --job short
BenchmarkSwitcher.FromAssembly(typeof(Residency.Benchmarks.ClassifyBenchmarks).Assembly).Run(args);
