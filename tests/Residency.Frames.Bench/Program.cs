using System.Globalization;
using Residency.Development.Frames;
using Residency.Frames;

// The frame de-identification benchmark: dotnet run -c Release --project tests/Residency.Frames.Bench [-- --quick] [--side N]
// Timing belongs here, not in a test: the figures depend on the machine and its load.
var quick = args.Contains("--quick");
var sideIndex = Array.IndexOf(args, "--side");
var options = FrameOptions.Default;
if (sideIndex >= 0)
{
    options = options with { TextDetectionSide = int.Parse(args[sideIndex + 1], CultureInfo.InvariantCulture) };
}

var root = FindRoot();
using var deidentifier = new FrameDeidentifier(new FrameDeidentifierSettings { IntraOpNumThreads = 1, InterOpNumThreads = 1 });
using var generator = new SyntheticFrames(SyntheticFrameAssets.FromRepository(root));
var settings = quick
    ? new FrameBenchmarkSettings { FacesPerSize = 5, PlatesPerKind = 2, CleanPerSize = 5, Options = options }
    : new FrameBenchmarkSettings { Options = options };
var report = FrameBenchmark.Run(deidentifier, generator, settings, intraOpThreads: 1, Console.Error.WriteLine);
Console.WriteLine($"{DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, load average {LoadAverage()}");
Console.Write(report.ToTable());

static string FindRoot()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
    {
        if (File.Exists(Path.Combine(dir.FullName, "Functions.sln")))
        {
            return dir.FullName;
        }
    }

    throw new InvalidOperationException("Functions.sln not found above " + AppContext.BaseDirectory);
}

static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
