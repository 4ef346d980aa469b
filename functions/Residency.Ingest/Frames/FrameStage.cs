using System.Buffers;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Encodings.Web;
using System.Text.Json;
using Residency.Classification;
using Residency.Classification.Policy;
using Residency.Frames;

namespace Residency.Ingest.Frames;

/// <summary>
/// Runs before classification: every camera frame whose policy rule says <c>deidentify-image</c> is decoded, its faces and
/// plates found and blurred by the server (the device's own <c>detections</c> are not trusted), and the frame rewritten with
/// the blurred image, the server's counts in <c>detections</c>, the device's claim in <c>deviceDetections</c> and a
/// <c>deidentification</c> record (counts, altered, model SHA-256s). The classifier then picks the level from the server's
/// counts. A frame that cannot be decoded or is over a bound sends the whole upload to quarantine; a raw frame is never
/// stored. Thread-safe: one instance serves concurrent batches.
/// </summary>
public sealed class FrameStage
{
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = false };
    private readonly ClassificationPolicy _policy;
    private readonly FrameDeidentifier? _deidentifier;
    private readonly FrameStageOptions _options;
    private readonly byte[][] _quotedNames;
    private readonly ConcurrencyGate _gate;

    /// <summary>Creates the stage. Throws when the policy de-identifies frames and no de-identifier is given: the handler
    /// must not start and store frames it cannot clean.</summary>
    public FrameStage(ClassificationPolicy policy, FrameDeidentifier? deidentifier, FrameStageOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(policy);
        _options = options ?? new FrameStageOptions();
        _options.Validate();
        _policy = policy;
        if (policy.FrameArrays.Count > 0 && deidentifier is null)
        {
            throw new InvalidOperationException(
                $"Policy '{policy.Id}' de-identifies camera frames ({string.Join(", ", policy.FrameArrays.Select(a => "$." + a + "[*]"))}) but no frame de-identifier was loaded.");
        }

        _deidentifier = deidentifier;
        _quotedNames = [.. policy.FrameArrays.Select(a => System.Text.Encoding.UTF8.GetBytes("\"" + a + "\""))];
        _gate = new ConcurrencyGate(_options.MaxConcurrentFrames);
    }

    /// <summary>True when the policy de-identifies any frames.</summary>
    public bool Enabled => _quotedNames.Length > 0;

    /// <summary>Completes when the frame models are compiled (at once when this stage has none); faults when they cannot be.</summary>
    public Task ModelsCompiled => _deidentifier?.Compiled ?? Task.CompletedTask;

    /// <summary>A budget for one invocation's frames.</summary>
    public FrameBudget NewBudget() => new(_options);

    /// <summary>De-identifies the upload's frames; returns the JSON to classify or why to quarantine the upload.</summary>
    public FrameStageResult Apply(ReadOnlyMemory<byte> utf8, FrameBudget budget)
    {
        ArgumentNullException.ThrowIfNull(budget);
        if (!Enabled || !MayCarryFrames(utf8.Span))
        {
            return FrameStageResult.Unchanged(utf8);
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(utf8);
        }
        catch (JsonException)
        {
            // Not JSON: the classifier refuses it with its own reason.
            return FrameStageResult.Unchanged(utf8);
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object || !HasFrameArray(document.RootElement))
            {
                return FrameStageResult.Unchanged(utf8);
            }

            return Rewrite(document.RootElement, budget);
        }
    }

    // Cheap test on the bytes: a frame array's quoted name, or any escape (a name can be written with \u escapes).
    private bool MayCarryFrames(ReadOnlySpan<byte> utf8)
    {
        if (utf8.IndexOf("\\u"u8) >= 0)
        {
            return true;
        }

        foreach (var name in _quotedNames)
        {
            if (utf8.IndexOf(name) >= 0)
            {
                return true;
            }
        }

        return false;
    }

    private bool HasFrameArray(JsonElement root) =>
        root.EnumerateObject().Any(p => p.Value.ValueKind == JsonValueKind.Array && FrameArrayOf(p) is not null);

    private string? FrameArrayOf(JsonProperty property)
    {
        foreach (var name in _policy.FrameArrays)
        {
            if (property.NameEquals(name))
            {
                return name;
            }
        }

        return null;
    }

    private FrameStageResult Rewrite(JsonElement root, FrameBudget budget)
    {
        var output = new ArrayBufferWriter<byte>();
        var totals = new FrameTotals();
        using (var writer = new Utf8JsonWriter(output, WriterOptions))
        {
            writer.WriteStartObject();
            foreach (var property in root.EnumerateObject())
            {
                if (property.Value.ValueKind != JsonValueKind.Array || FrameArrayOf(property) is not { } arrayName)
                {
                    property.WriteTo(writer);
                    continue;
                }

                writer.WritePropertyName(property.Name);
                writer.WriteStartArray();
                var index = 0;
                foreach (var element in property.Value.EnumerateArray())
                {
                    var refusal = WriteElement(writer, arrayName, index++, element, budget, totals);
                    if (refusal is not null)
                    {
                        return refusal;
                    }
                }

                writer.WriteEndArray();
            }

            writer.WriteEndObject();
        }

        return new FrameStageResult
        {
            Utf8 = output.WrittenMemory, Frames = totals.Frames, Altered = totals.Altered, Faces = totals.Faces, Plates = totals.Plates,
            TextRegions = totals.TextRegions,
        };
    }

    private FrameStageResult? WriteElement(Utf8JsonWriter writer, string arrayName, int index, JsonElement element, FrameBudget budget, FrameTotals totals)
    {
        var rule = element.ValueKind == JsonValueKind.Object
            ? _policy.RuleForElement(arrayName, JsonMarshal.GetRawUtf8Value(element))
            : null;
        if (rule?.Action.Image is not { } settings)
        {
            element.WriteTo(writer);
            return null;
        }

        var where = string.Create(CultureInfo.InvariantCulture, $"frame {index} of {arrayName}");
        if (FrameShape.Check(element) is { } shapeProblem)
        {
            return FrameStageResult.Quarantine(FrameReasons.InvalidImage, $"{where}: {shapeProblem}");
        }

        if (++totals.Frames > _options.MaxFramesPerUpload)
        {
            return FrameStageResult.Quarantine(FrameReasons.ImageTooLarge,
                string.Create(CultureInfo.InvariantCulture, $"the upload carries more than {_options.MaxFramesPerUpload} frames to de-identify"));
        }

        if (budget.TryTake(1) is { } exhausted)
        {
            return FrameStageResult.Quarantine(FrameReasons.ImageTooLarge, $"{where}: {exhausted}");
        }

        if (!element.GetProperty(FrameShape.Image).TryGetBytesFromBase64(out var encoded))
        {
            return FrameStageResult.Quarantine(FrameReasons.InvalidImage, $"{where}: imageBase64 is not base64");
        }

        var result = Deidentify(encoded, settings, budget);
        switch (result.Outcome)
        {
            case FrameOutcome.InvalidImage:
                return FrameStageResult.Quarantine(FrameReasons.InvalidImage, $"{where}: the bytes are not an image the server can decode");
            case FrameOutcome.TooLarge:
                return FrameStageResult.Quarantine(FrameReasons.ImageTooLarge, string.Create(CultureInfo.InvariantCulture,
                    $"{where}: {result.Width}x{result.Height} pixels is over the limit of {_options.MaxPixels}"));
        }

        totals.Add(result);
        FrameRecord.Write(writer, element, result, settings);
        return null;
    }

    private FrameResult Deidentify(byte[] encoded, ImageDeidentification settings, FrameBudget budget)
    {
        var options = new FrameOptions
        {
            Detectors = settings.Detectors.Aggregate(FrameDetectors.None, (all, d) => all | d switch
            {
                ImageDetector.Faces => FrameDetectors.Faces,
                ImageDetector.Plates => FrameDetectors.Plates,
                _ => FrameDetectors.AllText,
            }),
            Blur = settings.Blur == ImageBlur.Pixelate ? BlurMethod.Pixelate : BlurMethod.Gaussian,
            MinFaceConfidence = (float)settings.MinConfidence,
            FaceTiling = settings.Tiling,
            MaxPixels = _options.MaxPixels,
        };

        _gate.Enter();
        try
        {
            var result = _deidentifier!.Deidentify(encoded, options);
            budget.Spend(result.Timings.Total);
            return result;
        }
        finally
        {
            _gate.Exit();
        }
    }

    private sealed class FrameTotals
    {
        public int Frames { get; set; }

        public int Altered { get; private set; }

        public int Faces { get; private set; }

        public int Plates { get; private set; }

        public int TextRegions { get; private set; }

        public void Add(FrameResult result)
        {
            Altered += result.Outcome == FrameOutcome.Altered ? 1 : 0;
            Faces += result.Faces;
            Plates += result.Plates;
            TextRegions += result.TextRegions;
        }
    }
}
