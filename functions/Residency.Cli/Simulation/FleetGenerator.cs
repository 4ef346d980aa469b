using System.Security.Cryptography;
using System.Text;

namespace Residency.Cli.Simulation;

/// <summary>Generates a deterministic (by seed) stream of device events from a simulated fleet.</summary>
internal sealed class FleetGenerator
{
    private static readonly (double Lat, double Lon)[] Cities =
        [(39.90872, 116.39748), (31.23039, 121.47370), (22.54310, 114.05787), (30.27415, 120.15515), (30.57280, 104.06680)];

    private readonly FleetOptions _options;
    private readonly Random _random;
    private readonly List<string> _kinds;
    private readonly double[] _cumulativeWeights;
    private readonly string[] _malformations;
    private long _index;
    private int _malformedCount;

    public FleetGenerator(FleetOptions options)
    {
        _options = options;
        _random = new Random(options.Seed);
        _kinds = options.KindWeights.Where(k => k.Value > 0).Select(k => k.Key).Order(StringComparer.Ordinal).ToList();
        if (_kinds.Count == 0)
        {
            throw new ArgumentException("At least one kind needs a positive weight.", nameof(options));
        }

        var total = 0.0;
        _cumulativeWeights = _kinds.Select(k => total += options.KindWeights[k]).ToArray();
        _malformations = Malformations.All.Where(m => options.AllowOversized || m != "oversized").ToArray();
        Vehicles = Enumerable.Range(0, Math.Max(1, options.Vehicles)).Select(_ => NewVehicle()).ToList();
    }

    public IReadOnlyList<SimulatedVehicle> Vehicles { get; }

    /// <summary>The next event. Every kind appears in turn for the first events, so even a short run covers all.</summary>
    public SimulatedEvent Next()
    {
        var index = _index++;
        var vehicle = Vehicles[(int)(index % Vehicles.Count)];
        var kind = index < _kinds.Count ? _kinds[(int)index] : PickKind();
        var capturedAt = _options.Start.AddMilliseconds(index * 1000.0 / Vehicles.Count);
        var upload = UploadFactory.Create(vehicle, kind, NewMessageId(), capturedAt, _random, _options.FrameShare);

        var properties = new Dictionary<string, string>(StringComparer.Ordinal);
        string? malformation = null;
        byte[] body;
        bool gzip;
        if (_random.NextDouble() < _options.MalformedShare)
        {
            malformation = _malformations[_malformedCount++ % _malformations.Length]; // in turn, so every defect shows up
            (body, gzip) = Malformations.Apply(malformation, upload);
        }
        else if (_random.NextDouble() < _options.GzipShare)
        {
            (body, gzip) = (Malformations.Gzip(upload), true);
        }
        else
        {
            (body, gzip) = (upload, false);
        }

        // Most gzip senders say so; some rely on the magic bytes alone.
        if (gzip && _random.Next(3) != 0)
        {
            properties["contentEncoding"] = "gzip";
        }

        return new SimulatedEvent(body, vehicle.PartitionKey, properties, kind, malformation);
    }

    public IEnumerable<SimulatedEvent> Take(long count)
    {
        for (long i = 0; i < count; i++)
        {
            yield return Next();
        }
    }

    private string PickKind()
    {
        var x = _random.NextDouble() * _cumulativeWeights[^1];
        for (var i = 0; i < _cumulativeWeights.Length; i++)
        {
            if (x < _cumulativeWeights[i])
            {
                return _kinds[i];
            }
        }

        return _kinds[^1];
    }

    private string NewMessageId()
    {
        Span<byte> bytes = stackalloc byte[16];
        _random.NextBytes(bytes);
        bytes[7] = (byte)((bytes[7] & 0x0f) | 0x40); // version 4 (Guid byte order)
        bytes[8] = (byte)((bytes[8] & 0x3f) | 0x80); // RFC 4122 variant
        return new Guid(bytes).ToString();
    }

    private SimulatedVehicle NewVehicle()
    {
        var vin = ChineseIdentity.Vin(_random);
        var city = Cities[_random.Next(Cities.Length)];
        return new SimulatedVehicle(vin, PartitionKeyFor(vin, _options.Seed), ChineseIdentity.Name(_random),
            ChineseIdentity.Mobile(_random), ChineseIdentity.ResidentId(_random), $"u-{_random.Next(10_000, 99_999)}",
            ChineseIdentity.Plate(_random), city.Lat, city.Lon);
    }

    /// <summary>A pseudonymous, stable per-vehicle partition key: the VIN never leaves the device as a key.</summary>
    public static string PartitionKeyFor(string vin, int seed)
    {
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes($"residency-simulator-{seed}"), Encoding.UTF8.GetBytes(vin));
        return Convert.ToHexStringLower(mac.AsSpan(0, 16));
    }
}
