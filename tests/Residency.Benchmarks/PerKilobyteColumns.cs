using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Residency.Benchmarks;

/// <summary>The payload size of the benchmarked upload, in bytes.</summary>
internal sealed class PayloadColumn : IColumn
{
    public string Id => nameof(PayloadColumn);

    public string ColumnName => "Payload B";

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Params;

    public int PriorityInCategory => 1;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Size;

    public string Legend => "Upload size in bytes";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) =>
        PerKilobyte.PayloadBytes(benchmarkCase).ToString("N0", CultureInfo.InvariantCulture);

    public bool IsAvailable(Summary summary) => true;

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
}

/// <summary>Mean time per KiB of payload: a linear classifier costs about the same per KiB on a 2 KB upload and on 1 MB.</summary>
internal sealed class TimePerKilobyteColumn : IColumn
{
    public string Id => nameof(TimePerKilobyteColumn);

    public string ColumnName => "us/KB";

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => 0;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => "Mean time per KiB of payload, in microseconds";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        var mean = summary[benchmarkCase]?.ResultStatistics?.Mean;
        return mean is null ? "NA" : (mean.Value / 1000 / (PerKilobyte.PayloadBytes(benchmarkCase) / 1024.0)).ToString("F2", CultureInfo.InvariantCulture);
    }

    public bool IsAvailable(Summary summary) => true;

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
}

internal static class PerKilobyte
{
    private static readonly Dictionary<string, int> Sizes = [];

    public static int PayloadBytes(BenchmarkCase benchmarkCase)
    {
        var upload = (string)benchmarkCase.Parameters[nameof(ClassifyBenchmarks.Upload)];
        lock (Sizes)
        {
            if (!Sizes.TryGetValue(upload, out var size))
            {
                size = ClassifyBenchmarks.PayloadFor(upload).Length;
                Sizes[upload] = size;
            }

            return size;
        }
    }
}
