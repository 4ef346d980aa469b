using System.CommandLine;
using System.Globalization;
using Residency.Cli.Simulation;

namespace Residency.Cli;

/// <summary>The fleet options shared by `simulate` and `local-run`.</summary>
internal sealed class FleetCommandOptions(int defaultCount = 1000, double defaultMalformedShare = 0.05)
{
    private readonly Option<int> _vehicles = new("--vehicles") { Description = "Number of vehicles in the fleet.", DefaultValueFactory = _ => 20 };
    private readonly Option<long?> _count = new("--count") { Description = $"Number of events to send (default {defaultCount} unless --duration is given)." };
    private readonly Option<double?> _duration = new("--duration") { Description = "Send for this many seconds instead of a fixed count." };
    private readonly Option<double> _rate = new("--rate") { Description = "Events per second (0: as fast as the target accepts).", DefaultValueFactory = _ => 0 };
    private readonly Option<string?> _kinds = new("--kinds") { Description = "Kind mix as kind=weight pairs, e.g. telemetry=4,trip=1,account=1 (default: every kind, telemetry 4x)." };
    private readonly Option<double> _gzip = new("--gzip-share") { Description = "Share (0-1) of valid uploads sent gzip-compressed.", DefaultValueFactory = _ => 0.2 };
    private readonly Option<double> _malformed = new("--malformed-share") { Description = "Share (0-1) of events deliberately malformed.", DefaultValueFactory = _ => defaultMalformedShare };
    private readonly Option<int> _seed = new("--seed") { Description = "Random seed: the same seed generates the same fleet and uploads.", DefaultValueFactory = _ => 1 };

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { _vehicles, _count, _duration, _rate, _kinds, _gzip, _malformed, _seed })
        {
            command.Options.Add(option);
        }
    }

    public FleetRequest Read(ParseResult parse, bool allowOversized)
    {
        var gzip = parse.GetValue(_gzip);
        var malformed = parse.GetValue(_malformed);
        if (gzip is < 0 or > 1 || malformed is < 0 or > 1)
        {
            return FleetRequest.Invalid("--gzip-share and --malformed-share must be between 0 and 1.");
        }

        if (parse.GetValue(_vehicles) < 1 || parse.GetValue(_rate) < 0 || parse.GetValue(_count) is < 0 || parse.GetValue(_duration) is <= 0)
        {
            return FleetRequest.Invalid("--vehicles must be at least 1, --rate, --count and --duration not negative.");
        }

        var weights = FleetOptions.AllKinds.ToDictionary(k => k, k => k == "telemetry" ? 4.0 : 1.0);
        if (parse.GetValue(_kinds) is { } kinds)
        {
            weights.Clear();
            foreach (var pair in kinds.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var parts = pair.Split('=', 2);
                var weight = 1.0;
                if (!FleetOptions.AllKinds.Contains(parts[0]) ||
                    (parts.Length == 2 && !double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out weight)) || weight < 0)
                {
                    return FleetRequest.Invalid($"--kinds: '{pair}' is not kind=weight with a kind among {string.Join(", ", FleetOptions.AllKinds)}.");
                }

                weights[parts[0]] = weight;
            }

            if (!weights.Values.Any(w => w > 0))
            {
                return FleetRequest.Invalid("--kinds needs at least one kind with a positive weight.");
            }
        }

        TimeSpan? duration = parse.GetValue(_duration) is { } seconds ? TimeSpan.FromSeconds(seconds) : null;
        var count = parse.GetValue(_count) ?? (duration is null ? defaultCount : null);
        var fleet = new FleetOptions
        {
            Vehicles = parse.GetValue(_vehicles),
            KindWeights = weights,
            GzipShare = gzip,
            MalformedShare = malformed,
            Seed = parse.GetValue(_seed),
            AllowOversized = allowOversized,
        };
        return new FleetRequest(fleet, count, duration, parse.GetValue(_rate), null);
    }
}

/// <summary>A validated fleet request, or the reason it is invalid.</summary>
internal sealed record FleetRequest(FleetOptions? Fleet, long? Count, TimeSpan? Duration, double Rate, string? Error)
{
    public static FleetRequest Invalid(string error) => new(null, null, null, 0, error);
}
