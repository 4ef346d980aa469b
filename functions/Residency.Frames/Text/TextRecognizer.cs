using Residency.Frames.Imaging;
using Residency.Frames.Inference;
using SkiaSharp;

namespace Residency.Frames.Text;

/// <summary>
/// PP-OCRv4 recognition: the rotated text box warped to a strip 48 px high (width from its aspect ratio), BGR scaled to
/// [-1, 1] (NCHW), CTC-decoded. The text it returns is for the plate check only and must never be logged or kept.
/// </summary>
internal sealed class TextRecognizer : IDisposable
{
    private const int Height = 48;
    private const int MaxWidth = Height * 12;
    private readonly OnnxModel _model;
    private readonly CtcDecoder _decoder;
    private readonly int _classes;

    public TextRecognizer(byte[] model, byte[] keys, FrameDeidentifierSettings settings)
    {
        _model = new OnnxModel(model, settings);
        ModelShapes.Require(_model, ModelFiles.TextRecognition, _model.InputShape, [-1, 3, Height, -1]);
        var output = _model.OutputShape(_model.OutputNames[ModelShapes.Output(_model, ModelFiles.TextRecognition, [-1, -1, -1])]);
        _classes = output[2];
        _decoder = new CtcDecoder(keys, _classes);
    }

    public string Recognize(SKImage frame, TextBox box)
    {
        var width = Math.Clamp((int)MathF.Ceiling(Height * box.Width / Math.Max(1f, box.Height)), 16, MaxWidth);
        using var strip = new SKBitmap(new SKImageInfo(width, Height, SKColorType.Rgba8888, SKAlphaType.Premul));
        Resample.Draw(frame, strip, StripMatrix(box, width));
        var input = new float[3 * width * Height];
        var pixels = strip.GetPixelSpan();
        var plane = width * Height;
        for (int p = 0, i = 0; i < plane; p += 4, i++)
        {
            input[i] = (pixels[p + 2] / 127.5f) - 1f;
            input[plane + i] = (pixels[p + 1] / 127.5f) - 1f;
            input[(2 * plane) + i] = (pixels[p] / 127.5f) - 1f;
        }

        using var outputs = _model.Run(input, [1, 3, Height, width]);
        var shape = outputs[0].GetTensorTypeAndShape().Shape;
        return _decoder.Decode(outputs[0].GetTensorDataAsSpan<float>(), (int)shape[1], (int)shape[2]).Text;
    }

    // Maps frame pixels to strip pixels: the box's top-left corner to (0, 0), its width axis to x, its height axis to y.
    private static SKMatrix StripMatrix(TextBox box, int width)
    {
        var c = box.Corners;
        var (w, h) = (box.Width, box.Height);
        var ux = (c[1].X - c[0].X) / w;
        var uy = (c[1].Y - c[0].Y) / w;
        var vx = (c[3].X - c[0].X) / h;
        var vy = (c[3].Y - c[0].Y) / h;
        var kx = width / w;
        var ky = Height / h;
        return new SKMatrix(
            ux * kx, uy * kx, -((c[0].X * ux) + (c[0].Y * uy)) * kx,
            vx * ky, vy * ky, -((c[0].X * vx) + (c[0].Y * vy)) * ky,
            0, 0, 1);
    }

    public void Dispose() => _model.Dispose();
}
