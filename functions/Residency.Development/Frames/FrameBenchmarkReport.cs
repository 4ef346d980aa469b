using System.Globalization;
using System.Text;

namespace Residency.Development.Frames;

/// <summary>Median and 90th percentile of one stage, in milliseconds.</summary>
public readonly record struct StageStatistics(string Stage, double MedianMs, double P90Ms);

/// <summary>One frame size's figures: time per stage, throughput on one core, recall and false alterations.</summary>
public sealed record FrameSizeReport(
    int Width,
    int Height,
    int Frames,
    IReadOnlyList<StageStatistics> Stages,
    double MeanTotalMs,
    int FacesFound,
    int FaceFrames,
    int PlatesFound,
    int PlateFrames,
    IReadOnlyDictionary<PlateKind, (int Found, int Frames)> PlatesByKind,
    int FalseAlterations,
    int CleanFrames)
{
    /// <summary>Frames per second on one core: 1000 / the mean time per frame (inference runs on one thread per frame).</summary>
    public double FramesPerSecondPerCore => MeanTotalMs > 0 ? 1000 / MeanTotalMs : 0;

    /// <summary>Share of face frames whose face was found.</summary>
    public double FaceRecall => FaceFrames == 0 ? 0 : FacesFound / (double)FaceFrames;

    /// <summary>Share of plate frames whose plate was found.</summary>
    public double PlateRecall => PlateFrames == 0 ? 0 : PlatesFound / (double)PlateFrames;
}

/// <summary>What <see cref="FrameBenchmark"/> measured, one row per frame size, and a text table of it.</summary>
public sealed record FrameBenchmarkReport(IReadOnlyList<FrameSizeReport> Sizes, int IntraOpThreads, string Options)
{
    /// <summary>The figures as a plain-text table (no plate text: only counts).</summary>
    public string ToTable()
    {
        var text = new StringBuilder();
        var c = CultureInfo.InvariantCulture;
        text.AppendLine(c, $"frame de-identification, {IntraOpThreads} inference thread(s) per frame; options: {Options}");
        foreach (var size in Sizes)
        {
            text.AppendLine(c, $"{size.Width}x{size.Height}: {size.Frames} frames, {size.MeanTotalMs:F1} ms mean, {size.FramesPerSecondPerCore:F1} frames/s per core");
            text.AppendLine("  stage            median ms    p90 ms");
            foreach (var stage in size.Stages)
            {
                text.AppendLine(c, $"  {stage.Stage,-15} {stage.MedianMs,10:F1} {stage.P90Ms,9:F1}");
            }

            text.AppendLine(c, $"  face recall       {size.FacesFound}/{size.FaceFrames} ({size.FaceRecall:P1})");
            var kinds = string.Join(", ", size.PlatesByKind.Select(k => $"{k.Key} {k.Value.Found}/{k.Value.Frames}"));
            text.AppendLine(c, $"  plate recall      {size.PlatesFound}/{size.PlateFrames} ({size.PlateRecall:P1}): {kinds}");
            text.AppendLine(c, $"  false alterations {size.FalseAlterations}/{size.CleanFrames} clean frames");
        }

        return text.ToString();
    }
}
