using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using Residency.Cli.Simulation;

namespace Residency.Cli;

/// <summary>The fleet options shared by `simulate` and `local-run`; their ranges are checked while parsing.</summary>
internal sealed class FleetCommandOptions(int defaultCount = 1000, double defaultMalformedShare = 0.05, double defaultFrameShare = 0.1)
{
    private readonly Option<int> _vehicles = new Option<int>("--vehicles") { Description = "Number of vehicles in the fleet.", DefaultValueFactory = _ => 20 }.Within(1, 10_000_000);
    private readonly Option<long?> _count = new Option<long?>("--count") { Description = $"Number of events to send (default {defaultCount} unless --duration is given)." }.AtLeast(0);
    private readonly Option<double?> _duration = new Option<double?>("--duration") { Description = "Send for this many seconds instead of a fixed count." }.AtLeast(0.001);
    private readonly Option<double> _rate = new Option<double>("--rate") { Description = "Events per second (0: as fast as the target accepts).", DefaultValueFactory = _ => 0 }.Within(0, 10_000_000);
    private readonly Option<Dictionary<string, double>?> _kinds = new("--kinds")
    {
        Description = "Kind mix as kind=weight pairs, e.g. telemetry=4,trip=1,account=1 (default: every kind, telemetry 4x).",
        CustomParser = ParseKinds,
    };

    private readonly Option<double> _gzip = new Option<double>("--gzip-share") { Description = "Share (0-1) of valid uploads sent gzip-compressed.", DefaultValueFactory = _ => 0.2 }.Within(0, 1);
    private readonly Option<double> _malformed = new Option<double>("--malformed-share") { Description = "Share (0-1) of events deliberately malformed.", DefaultValueFactory = _ => defaultMalformedShare }.Within(0, 1);
    private readonly Option<double> _frames = new Option<double>("--frame-share")
    {
        Description = "Share (0-1) of event uploads carrying an exterior camera frame (1280x720 JPEG with a face, a plate or neither).",
        DefaultValueFactory = _ => defaultFrameShare,
    }.Within(0, 1);

    private readonly Option<int> _seed = new("--seed") { Description = "Random seed: the same seed generates the same fleet and uploads.", DefaultValueFactory = _ => 1 };

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { _vehicles, _count, _duration, _rate, _kinds, _gzip, _malformed, _frames, _seed })
        {
            command.Options.Add(option);
        }
    }

    public FleetRequest Read(ParseResult parse, bool allowOversized)
    {
        TimeSpan? duration = parse.GetValue(_duration) is { } seconds ? TimeSpan.FromSeconds(seconds) : null;
        var fleet = new FleetOptions
        {
            Vehicles = parse.GetValue(_vehicles),
            KindWeights = parse.GetValue(_kinds) ?? FleetOptions.AllKinds.ToDictionary(k => k, k => k == "telemetry" ? 4.0 : 1.0),
            GzipShare = parse.GetValue(_gzip),
            MalformedShare = parse.GetValue(_malformed),
            FrameShare = parse.GetValue(_frames),
            Seed = parse.GetValue(_seed),
            AllowOversized = allowOversized,
        };
        return new FleetRequest(fleet, parse.GetValue(_count) ?? (duration is null ? defaultCount : null), duration, parse.GetValue(_rate));
    }

    private static Dictionary<string, double>? ParseKinds(ArgumentResult result)
    {
        var weights = new Dictionary<string, double>();
        foreach (var pair in result.Tokens.SelectMany(t => t.Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
        {
            var parts = pair.Split('=', 2);
            var weight = 1.0;
            if (!FleetOptions.AllKinds.Contains(parts[0]) ||
                (parts.Length == 2 && !double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out weight)) || weight < 0)
            {
                result.AddError($"--kinds: '{pair}' is not kind=weight with a kind among {string.Join(", ", FleetOptions.AllKinds)}.");
                return null;
            }

            weights[parts[0]] = weight;
        }

        if (!weights.Values.Any(w => w > 0))
        {
            result.AddError("--kinds needs at least one kind with a positive weight.");
            return null;
        }

        return weights;
    }
}

/// <summary>A fleet request whose options passed their checks.</summary>
internal sealed record FleetRequest(FleetOptions Fleet, long? Count, TimeSpan? Duration, double Rate);
