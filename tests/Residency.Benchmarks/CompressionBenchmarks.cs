using System.IO.Compression;
using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using Residency.Ingest.Decoding;
using Residency.Storage.Batches;

namespace Residency.Benchmarks;

/// <summary>
/// The handler's two compression steps on the telemetry sample: inflating one gzip upload (20% of a fleet's uploads
/// come compressed) and deflating a level blob of 1,000 lines (one per level per batch). Allocated is per operation.
/// </summary>
[MemoryDiagnoser]
public class CompressionBenchmarks
{
    private readonly EventDecoder _decoder = new();
    private readonly Dictionary<string, string> _gzipProperties = new() { [EventDecoder.ContentEncodingProperty] = "gzip" };
    private byte[] _gzip = [];
    private List<LevelLine> _lines = [];

    [GlobalSetup]
    public void Setup()
    {
        var telemetry = ClassifyBenchmarks.PayloadFor("telemetry");
        using (var output = new MemoryStream())
        {
            using (var gzip = new GZipStream(output, CompressionLevel.Optimal, leaveOpen: true))
            {
                gzip.Write(telemetry);
            }

            _gzip = output.ToArray();
        }

        var vehicles = Enumerable.Range(0, 200).Select(i => Convert.ToHexStringLower(SHA256.HashData(BitConverter.GetBytes(i)))).ToArray();
        _lines = [.. Enumerable.Range(0, 1000).Select(i => new LevelLine(1_000_000 + i, vehicles[i % vehicles.Length], telemetry))];
    }

    [Benchmark(Description = "inflate one gzip upload")]
    public int Inflate() => _decoder.Decode(_gzip, _gzipProperties).Utf8.Length;

    [Benchmark(Description = "deflate a level blob of 1,000 lines")]
    public int BuildLevelBlob() => LevelBlobBuilder.Build("general", "3", _lines).Gzip.Length;
}
