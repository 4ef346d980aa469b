using Residency.Frames.Faces;
using Residency.Frames.Text;

namespace Residency.Frames.Inference;

/// <summary>The three models compiled into inference sessions, with the plate finder built on the recognizer.</summary>
internal sealed class CompiledModels : IDisposable
{
    private CompiledModels(BlazeFaceDetector faces, TextDetector textDetector, TextRecognizer recognizer)
    {
        Faces = faces;
        TextDetector = textDetector;
        Recognizer = recognizer;
        Plates = new PlateFinder(recognizer);
    }

    public BlazeFaceDetector Faces { get; }

    public TextDetector TextDetector { get; }

    public TextRecognizer Recognizer { get; }

    public PlateFinder Plates { get; }

    /// <summary>Compiles verified model bytes (about 0.4 s on two cores, most of it the text recognizer).</summary>
    public static CompiledModels Compile(VerifiedModelBytes models, FrameDeidentifierSettings settings)
    {
        BlazeFaceDetector? faces = null;
        TextDetector? textDetector = null;
        try
        {
            faces = new BlazeFaceDetector(models.Faces, settings);
            textDetector = new TextDetector(models.TextDetection, settings);
            return new CompiledModels(faces, textDetector, new TextRecognizer(models.TextRecognition, models.RecognitionKeys, settings));
        }
        catch
        {
            faces?.Dispose();
            textDetector?.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        Faces.Dispose();
        TextDetector.Dispose();
        Recognizer.Dispose();
    }
}
