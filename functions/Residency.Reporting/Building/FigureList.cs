using Residency.Reporting.Model;
using Residency.Storage.Sketches;

namespace Residency.Reporting.Building;

/// <summary>Collects figures; every one is added with its source, so none can be without one.</summary>
internal sealed class FigureList
{
    private readonly List<Figure> _figures = [];

    public IReadOnlyList<Figure> Figures => _figures;

    public void Count(string section, string metric, string dimension, string period, decimal value, string unit, string set, string field, int documents) =>
        _figures.Add(new Figure(section, metric, dimension, period, value, unit, new FigureSource(set, field, documents)));

    /// <summary>A HyperLogLog estimate, rounded, with two standard errors as its bound.</summary>
    public void Estimate(
        string section, string metric, string dimension, string period, HyperLogLog? sketch, string unit, string set, string field, int documents)
    {
        var (value, bound) = Estimated(sketch);
        _figures.Add(new Figure(section, metric, dimension, period, value, unit, new FigureSource(set, field, documents)) { ErrorBound = bound });
    }

    /// <summary>A sketch's estimate and two standard errors, both rounded to whole numbers (0 and 0 for no sketch).</summary>
    public static (long Value, long Bound) Estimated(HyperLogLog? sketch)
    {
        if (sketch is null)
        {
            return (0, 0);
        }

        var estimate = sketch.Estimate();
        return ((long)Math.Round(estimate), (long)Math.Ceiling(2 * sketch.StandardError * estimate));
    }
}
