using Residency.Frames.Imaging;
using Residency.Frames.Inference;
using SkiaSharp;

namespace Residency.Frames.Faces;

/// <summary>
/// Faces with MediaPipe BlazeFace (back model): each view of the frame is letterboxed into 256x256 RGB scaled to [-1, 1]
/// (NHWC), scores pass a sigmoid, boxes are anchor offsets in input pixels, and the candidates of all views are merged by
/// weighted NMS.
/// </summary>
internal sealed class BlazeFaceDetector : IDisposable
{
    private const int Size = 256;
    private readonly OnnxModel _model;
    private readonly int[] _outputOrder;

    public BlazeFaceDetector(byte[] model, FrameDeidentifierSettings settings)
    {
        _model = new OnnxModel(model, settings);
        ModelShapes.Require(_model, ModelFiles.Faces, _model.InputShape, [1, Size, Size, 3]);
        // Scores 512 and 384, boxes 512x16 and 384x16, found by shape rather than by the converter's names.
        _outputOrder =
        [
            ModelShapes.Output(_model, ModelFiles.Faces, [1, 512, 1]),
            ModelShapes.Output(_model, ModelFiles.Faces, [1, 384, 1]),
            ModelShapes.Output(_model, ModelFiles.Faces, [1, 512, 16]),
            ModelShapes.Output(_model, ModelFiles.Faces, [1, 384, 16]),
        ];
    }

    public List<FaceBox> Detect(SKImage frame, float minScore, bool tiling)
    {
        var candidates = new List<FaceBox>();
        var input = new float[Size * Size * 3];
        using var letterbox = new SKBitmap(new SKImageInfo(Size, Size, SKColorType.Rgba8888, SKAlphaType.Premul));
        foreach (var view in FaceTiles.Views(frame.Width, frame.Height, tiling))
        {
            // Letterbox: the view scaled to fit, centred, black bars (-1 after scaling, as MediaPipe pads).
            var scale = Size / Math.Max(view.Width, view.Height);
            var offsetX = (Size - (view.Width * scale)) / 2;
            var offsetY = (Size - (view.Height * scale)) / 2;
            Resample.Draw(frame, view, letterbox, SKRect.Create(offsetX, offsetY, view.Width * scale, view.Height * scale));
            Fill(letterbox, input);
            using var outputs = _model.Run(input, [1, Size, Size, 3]);
            Decode(outputs[_outputOrder[0]].GetTensorDataAsSpan<float>(), outputs[_outputOrder[2]].GetTensorDataAsSpan<float>(),
                BlazeFaceAnchors.Fine, minScore, view, scale, offsetX, offsetY, candidates);
            Decode(outputs[_outputOrder[1]].GetTensorDataAsSpan<float>(), outputs[_outputOrder[3]].GetTensorDataAsSpan<float>(),
                BlazeFaceAnchors.Coarse, minScore, view, scale, offsetX, offsetY, candidates);
        }

        return WeightedNms.Merge(candidates);
    }

    private static void Fill(SKBitmap rgba, float[] input)
    {
        var pixels = rgba.GetPixelSpan();
        for (int p = 0, i = 0; p < pixels.Length; p += 4, i += 3)
        {
            input[i] = (pixels[p] / 127.5f) - 1f;
            input[i + 1] = (pixels[p + 1] / 127.5f) - 1f;
            input[i + 2] = (pixels[p + 2] / 127.5f) - 1f;
        }
    }

    private static void Decode(ReadOnlySpan<float> scores, ReadOnlySpan<float> boxes, (float X, float Y)[] anchors, float minScore,
        SKRect view, float scale, float offsetX, float offsetY, List<FaceBox> candidates)
    {
        // The logit of the minimum score: skip the sigmoid for the many anchors far below it.
        var minLogit = MathF.Log(minScore / (1 - Math.Min(minScore, 0.999999f)));
        for (var i = 0; i < anchors.Length; i++)
        {
            var logit = Math.Clamp(scores[i], -100f, 100f);
            if (logit < minLogit)
            {
                continue;
            }

            var score = 1f / (1f + MathF.Exp(-logit));
            var b = boxes.Slice(i * 16, 4);
            var centerX = (anchors[i].X * Size) + b[0];
            var centerY = (anchors[i].Y * Size) + b[1];
            var halfW = b[2] / 2;
            var halfH = b[3] / 2;
            if (halfW <= 0 || halfH <= 0)
            {
                continue;
            }

            // Letterbox pixels back to frame pixels.
            candidates.Add(new FaceBox(
                view.Left + ((centerX - halfW - offsetX) / scale),
                view.Top + ((centerY - halfH - offsetY) / scale),
                view.Left + ((centerX + halfW - offsetX) / scale),
                view.Top + ((centerY + halfH - offsetY) / scale),
                score));
        }
    }

    public void Dispose() => _model.Dispose();
}
