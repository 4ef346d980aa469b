using Residency.Development;
using Residency.Development.Frames;

namespace Residency.Cli.Simulation;

/// <summary>
/// The exterior camera frames simulated cars send: real JPEGs with the astronaut's face, a mainland plate of every design,
/// or neither (Residency.Development's synthetic frames, 1280x720). Rendered once, on the first frame asked for; the font
/// and photo come from the checkout (tests/package-lock.json and samples/frames).
/// </summary>
internal static class SimulatedFrames
{
    private static readonly Lazy<IReadOnlyList<SyntheticFrame>> Pool = new(Render, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Width of every simulated frame.</summary>
    public const int Width = 1280;

    /// <summary>Height of every simulated frame.</summary>
    public const int Height = 720;

    /// <summary>A frame picked by <paramref name="random"/>.</summary>
    public static SyntheticFrame Pick(Random random) => Pool.Value[random.Next(Pool.Value.Count)];

    private static List<SyntheticFrame> Render()
    {
        var root = Path.GetDirectoryName(Path.GetFullPath(BuildPaths.NodeTools.TrimEnd('/', '\\')))!;
        using var frames = new SyntheticFrames(SyntheticFrameAssets.FromRepository(root));
        var pool = new List<SyntheticFrame> { frames.Face(Width, Height, 11), frames.Face(Width, Height, 12), frames.Face(Width, Height, 13) };
        pool.AddRange(SyntheticFrames.PlateKinds.Select((kind, i) => frames.Plate(kind, Width, Height, 100 + i)));
        pool.Add(SyntheticFrames.Clean(Width, Height, 21));
        pool.Add(SyntheticFrames.Clean(Width, Height, 22));
        return pool;
    }
}
