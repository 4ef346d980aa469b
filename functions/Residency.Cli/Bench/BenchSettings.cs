using Residency.Cli.Simulation;

namespace Residency.Cli.Bench;

/// <summary>What one `residency bench` run measures: the fleet, the host batch sizes (one row each), the handler's concurrency and
/// which handler (the build output, or a published executable at <see cref="HandlerPath"/>).</summary>
internal sealed record BenchSettings(
    int Events,
    IReadOnlyList<int> BatchSizes,
    int Partitions,
    int Vehicles,
    double MalformedShare,
    double GzipShare,
    int Seed,
    int MaxConcurrency,
    string? HandlerPath = null)
{
    /// <summary>
    /// The fleet every row replays. Nothing over 1 MB: Event Hubs refuses such events, so the host never delivers them.
    /// </summary>
    public FleetOptions Fleet(int seed) => new()
    {
        Vehicles = Vehicles,
        MalformedShare = MalformedShare,
        GzipShare = GzipShare,
        Seed = seed,
        AllowOversized = false,

        // The storage bench measures decode, classify and commit; frame de-identification (about 100 ms of CPU per
        // 1280x720 frame) has its own benchmark (docs/frames.md) and would swamp these figures.
        FrameShare = 0,
    };
}
