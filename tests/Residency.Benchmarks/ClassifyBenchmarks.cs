using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using Residency.Classification;

namespace Residency.Benchmarks;

/// <summary>
/// Classifying one upload against the floor of copying the same bytes token by token from a Utf8JsonReader to a Utf8JsonWriter.
/// Op/s is events per second; Allocated is bytes allocated per event.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(Config))]
public class ClassifyBenchmarks : IDisposable
{
    private static readonly JsonWriterOptions CopyOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true };

    private byte[] _payload = [];
    private UploadClassifier _classifier = null!;
    private ArrayBufferWriter<byte> _copyBuffer = null!;
    private Utf8JsonWriter _copyWriter = null!;
    private byte[] _unescaped = new byte[1024];
    private FragmentArena _arena = new();
    private int _arenaEvents;

    private const int BatchEvents = 1000;

    /// <summary>The sample upload (samples/uploads/NAME.json): 2-4 KB uploads (account: pseudonymized and masked fields, identifiers in
    /// Chinese free text, unknown fields), one 500-point trajectory (45 KB), and the generated 1 MB worst cases (<see cref="WorstCaseUploads"/>).</summary>
    [Params("telemetry", "event", "cabin", "trip", "account", "trip-500-points", "worst-alnum-card-1mb", "worst-dtc-runs-1mb", "worst-near-misses-1mb", "worst-dense-ids-1mb", "worst-names-1mb")]
    public string Upload { get; set; } = "telemetry";

    /// <summary>The payload size in bytes (after <see cref="Setup"/>).</summary>
    public int PayloadBytes => _payload.Length;

    [GlobalSetup]
    public void Setup()
    {
        _payload = PayloadFor(Upload);
        _classifier = new UploadClassifier(ClassificationPolicy.Default, PseudonymizationKey.Development);
        _copyBuffer = new ArrayBufferWriter<byte>(_payload.Length * 2);
        _copyWriter = new Utf8JsonWriter(_copyBuffer, CopyOptions);
    }

    /// <summary>The bytes of an upload: a sample file, or a generated worst case.</summary>
    public static byte[] PayloadFor(string upload) => WorstCaseUploads.Names.Contains(upload)
        ? WorstCaseUploads.Create(upload)
        : File.ReadAllBytes(Path.Combine(FindRoot(), "samples", "uploads", upload + ".json"));

    [GlobalCleanup]
    public void Dispose()
    {
        _copyWriter?.Dispose();
        _arena.Dispose();
        GC.SuppressFinalize(this);
    }

    [Benchmark(Baseline = true, Description = "reader-writer copy")]
    public int Copy()
    {
        _copyBuffer.ResetWrittenCount();
        _copyWriter.Reset(_copyBuffer);
        var reader = new Utf8JsonReader(_payload);
        while (reader.Read())
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.StartObject: _copyWriter.WriteStartObject(); break;
                case JsonTokenType.EndObject: _copyWriter.WriteEndObject(); break;
                case JsonTokenType.StartArray: _copyWriter.WriteStartArray(); break;
                case JsonTokenType.EndArray: _copyWriter.WriteEndArray(); break;
                case JsonTokenType.PropertyName: _copyWriter.WritePropertyName(Unescaped(ref reader)); break;
                case JsonTokenType.String: _copyWriter.WriteStringValue(Unescaped(ref reader)); break;
                case JsonTokenType.Number: _copyWriter.WriteRawValue(reader.ValueSpan, skipInputValidation: true); break;
                case JsonTokenType.True: _copyWriter.WriteBooleanValue(true); break;
                case JsonTokenType.False: _copyWriter.WriteBooleanValue(false); break;
                case JsonTokenType.Null: _copyWriter.WriteNullValue(); break;
            }
        }

        _copyWriter.Flush();
        return _copyBuffer.WrittenCount;
    }

    [Benchmark(Description = "classify")]
    public int Classify() => _classifier.Classify(_payload).Fragments.Count;

    /// <summary>As the handler classifies: into a batch's pooled arena, given back every 1,000 events (one host batch).</summary>
    [Benchmark(Description = "classify into a batch's arena")]
    public int ClassifyIntoArena()
    {
        if (++_arenaEvents == BatchEvents)
        {
            _arena.Dispose();
            _arena = new FragmentArena();
            _arenaEvents = 0;
        }

        return _classifier.Classify(_payload, _arena).Fragments.Count;
    }

    private ReadOnlySpan<byte> Unescaped(ref Utf8JsonReader reader)
    {
        if (!reader.ValueIsEscaped)
        {
            return reader.ValueSpan;
        }

        if (_unescaped.Length < reader.ValueSpan.Length)
        {
            _unescaped = new byte[reader.ValueSpan.Length];
        }

        return _unescaped.AsSpan(0, reader.CopyString(_unescaped));
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Functions.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Functions.sln not found above " + AppContext.BaseDirectory);
    }

    private sealed class Config : ManualConfig
    {
        public Config()
        {
            AddColumn(StatisticColumn.OperationsPerSecond);
            AddColumn(new PayloadColumn(), new TimePerKilobyteColumn());
        }
    }
}
