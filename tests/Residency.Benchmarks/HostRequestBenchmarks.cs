using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Residency.FunctionsHost;
using Residency.Ingest;

namespace Residency.Benchmarks;

/// <summary>
/// Reading the host's invocation request of 1,000 events (the sample uploads, base64, metadata arrays as JSON strings,
/// as the Functions host posts them) against the floor of parsing the same bytes into a <see cref="JsonDocument"/>.
/// </summary>
[MemoryDiagnoser]
public class HostRequestBenchmarks
{
    private static readonly string[] Samples = ["telemetry", "event", "cabin", "trip", "account"];

    private byte[] _request = [];

    [Params(100, 1000)]
    public int Events { get; set; } = 1000;

    [GlobalSetup]
    public void Setup()
    {
        var bodies = Samples.Select(ClassifyBenchmarks.PayloadFor).ToArray();
        var enqueued = new DateTimeOffset(2026, 12, 5, 8, 0, 0, TimeSpan.Zero);
        var events = Enumerable.Range(0, Events).Select(i => new IngestEvent(
            bodies[i % bodies.Length], 1_000_000 + i, (i * 1024L).ToString(System.Globalization.CultureInfo.InvariantCulture),
            enqueued.AddMilliseconds(i), $"vehicle-{i % 200}", new Dictionary<string, string> { ["contentType"] = "application/json" })).ToList();
        _request = HostInvocationWriter.Write(new IngestBatch("3", events));
    }

    [Benchmark(Baseline = true, Description = "JsonDocument.Parse")]
    public int Parse()
    {
        using var document = JsonDocument.Parse(_request);
        return document.RootElement.GetPropertyCount();
    }

    [Benchmark(Description = "HostInvocationReader.Read")]
    public int Read() => HostInvocationReader.Read(_request).Events.Count;
}
