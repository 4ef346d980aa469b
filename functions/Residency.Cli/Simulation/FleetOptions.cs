namespace Residency.Cli.Simulation;

/// <summary>What fleet to simulate: how many vehicles, how many events, and what mix.</summary>
internal sealed class FleetOptions
{
    public static IReadOnlyList<string> AllKinds { get; } = ["telemetry", "trip", "event", "charging", "cabin", "account", "diagnostic"];

    public int Vehicles { get; init; } = 20;

    /// <summary>Relative weight per kind; kinds not named are not generated.</summary>
    public IReadOnlyDictionary<string, double> KindWeights { get; init; } =
        AllKinds.ToDictionary(k => k, k => k == "telemetry" ? 4.0 : 1.0);

    /// <summary>Share (0..1) of valid uploads sent gzip-compressed.</summary>
    public double GzipShare { get; init; } = 0.2;

    /// <summary>Share (0..1) of events deliberately malformed.</summary>
    public double MalformedShare { get; init; } = 0.05;

    /// <summary>Whether malformations may include bodies over 1 MB (impossible to send through Event Hubs).</summary>
    public bool AllowOversized { get; init; } = true;

    /// <summary>Share (0..1) of <c>event</c> uploads that carry an exterior camera frame (1280x720 JPEG, de-identified by
    /// the handler's frame stage: about 100 ms of CPU each).</summary>
    public double FrameShare { get; init; } = 0.1;

    public int Seed { get; init; } = 1;

    /// <summary>The capture time of the first event; later events follow a second apart per vehicle.</summary>
    public DateTimeOffset Start { get; init; } = DateTimeOffset.UtcNow;
}
