using Residency.Frames.Imaging;
using Residency.Frames.Inference;
using SkiaSharp;

namespace Residency.Frames.Text;

/// <summary>
/// PP-OCRv4 text detection (DB): the frame scaled so its long side is at most the detection side, each side rounded to a
/// multiple of 32, BGR normalised with the ImageNet mean and deviation (NCHW); the probability map goes through
/// <see cref="DbPostprocess"/> and the boxes are scaled back to frame pixels.
/// </summary>
internal sealed class TextDetector : IDisposable
{
    private static readonly float[] Mean = [0.485f, 0.456f, 0.406f];
    private static readonly float[] Deviation = [0.229f, 0.224f, 0.225f];
    private readonly OnnxModel _model;

    public TextDetector(byte[] model, FrameDeidentifierSettings settings)
    {
        _model = new OnnxModel(model, settings);
        ModelShapes.Require(_model, ModelFiles.TextDetection, _model.InputShape, [-1, 3, -1, -1]);
        ModelShapes.Output(_model, ModelFiles.TextDetection, [-1, 1, -1, -1]);
    }

    public List<TextBox> Detect(SKImage frame, int side, float minScore)
    {
        var scale = Math.Min(1f, side / (float)Math.Max(frame.Width, frame.Height));
        var width = Math.Max(32, (int)MathF.Round(frame.Width * scale / 32) * 32);
        var height = Math.Max(32, (int)MathF.Round(frame.Height * scale / 32) * 32);
        using var scaled = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul));
        Resample.Draw(frame, new SKRect(0, 0, frame.Width, frame.Height), scaled, new SKRect(0, 0, width, height));
        var input = new float[3 * width * height];
        var pixels = scaled.GetPixelSpan();
        var plane = width * height;
        for (int p = 0, i = 0; i < plane; p += 4, i++)
        {
            // BGR planes: PaddleOCR trains on OpenCV's channel order.
            input[i] = ((pixels[p + 2] / 255f) - Mean[0]) / Deviation[0];
            input[plane + i] = ((pixels[p + 1] / 255f) - Mean[1]) / Deviation[1];
            input[(2 * plane) + i] = ((pixels[p] / 255f) - Mean[2]) / Deviation[2];
        }

        using var outputs = _model.Run(input, [1, 3, height, width]);
        var boxes = DbPostprocess.Boxes(outputs[0].GetTensorDataAsSpan<float>(), width, height, minScore);
        var scaleX = frame.Width / (float)width;
        var scaleY = frame.Height / (float)height;
        return [.. boxes.Select(b => b with { Corners = [.. b.Corners.Select(c => new SKPoint(c.X * scaleX, c.Y * scaleY))] })];
    }

    public void Dispose() => _model.Dispose();
}
