using Residency.Classification.Detectors;
using Residency.Frames.Inference;
using Residency.Frames.Text;
using SkiaSharp;

namespace Residency.Frames.Tests;

/// <summary>Text detection and recognition outside the de-identifier, to read what is left in a stored frame. Test-only: it
/// returns recognised text.</summary>
public sealed class OcrProbe : IDisposable
{
    private readonly TextDetector _detector;
    private readonly TextRecognizer _recognizer;

    public OcrProbe()
    {
        var settings = new FrameDeidentifierSettings();
        _detector = new TextDetector(VerifiedModels.Read(settings.ModelDirectory, ModelFiles.TextDetection), settings);
        _recognizer = new TextRecognizer(VerifiedModels.Read(settings.ModelDirectory, ModelFiles.TextRecognition),
            VerifiedModels.Read(settings.ModelDirectory, ModelFiles.RecognitionKeys), settings);
    }

    /// <summary>Every text region's recognised text, at the default and a larger detection side, with any minimum score.</summary>
    public List<string> ReadAll(ReadOnlyMemory<byte> encoded)
    {
        using var image = SKImage.FromEncodedData(encoded.ToArray());
        var texts = new List<string>();
        foreach (var side in new[] { 736, 1280 })
        {
            texts.AddRange(_detector.Detect(image, side, 0.3f).Select(box => _recognizer.Recognize(image, box)));
        }

        return texts;
    }

    public bool AnyPlate(ReadOnlyMemory<byte> encoded) => ReadAll(encoded).Any(PlateText.IsPlate);

    public void Dispose()
    {
        _detector.Dispose();
        _recognizer.Dispose();
    }
}
