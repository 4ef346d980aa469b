using Residency.Classification.Detectors;
using SkiaSharp;

namespace Residency.Frames.Text;

/// <summary>
/// Decides which text regions are plates: plate-shaped regions are recognised and kept when the text passes
/// <see cref="PlateText.IsPlate"/>; a region that fails is tried joined with its right-hand neighbour of the same height, since
/// detection sometimes splits a plate at its dot (京A | 12345). Recognised text never leaves this class.
/// </summary>
internal sealed class PlateFinder(TextRecognizer recognizer)
{
    // A single-line plate's text, after unclipping: 7-8 characters, 2-8 times as wide as tall, at least 10 px high.
    private const float MinAspect = 2f;
    private const float MaxAspect = 8f;
    private const float MinHeight = 10f;

    public List<(TextBox Box, RegionKind Kind)> Find(SKImage image, List<TextBox> boxes, FrameDetectors detectors)
    {
        var kinds = new RegionKind?[boxes.Count];
        var found = new List<(TextBox, RegionKind)>();
        if (detectors.HasFlag(FrameDetectors.Plates))
        {
            for (var i = 0; i < boxes.Count; i++)
            {
                if (PlateShaped(boxes[i]) && IsPlate(image, boxes[i]))
                {
                    kinds[i] = RegionKind.Plate;
                    found.Add((boxes[i], RegionKind.Plate));
                }
            }

            for (var i = 0; i < boxes.Count; i++)
            {
                if (kinds[i] is null && Neighbour(boxes, kinds, i) is { } j)
                {
                    var joined = boxes[i].Union(boxes[j]);
                    if (PlateShaped(joined) && IsPlate(image, joined))
                    {
                        kinds[i] = kinds[j] = RegionKind.Plate;
                        found.Add((joined, RegionKind.Plate));
                    }
                }
            }
        }

        if (detectors.HasFlag(FrameDetectors.AllText))
        {
            found.AddRange(boxes.Where((_, i) => kinds[i] is null).Select(b => (b, RegionKind.Text)));
        }

        return found;
    }

    private static bool PlateShaped(TextBox box) =>
        box.Height >= MinHeight && box.Width / box.Height is >= MinAspect and <= MaxAspect;

    // The unclipped box as it is: extra room around it made recognition drop the letter after the province more often.
    private bool IsPlate(SKImage image, TextBox box) => PlateText.IsPlate(recognizer.Recognize(image, box));

    // The nearest unclaimed box to the right of box i on the same line, with a similar height and a gap under one height.
    private static int? Neighbour(List<TextBox> boxes, RegionKind?[] kinds, int i)
    {
        var a = boxes[i];
        int? best = null;
        var bestGap = float.MaxValue;
        for (var j = 0; j < boxes.Count; j++)
        {
            var b = boxes[j];
            if (j == i || kinds[j] is not null || b.Height < a.Height * 0.4f || b.Height > a.Height / 0.4f)
            {
                continue;
            }

            var gap = b.Bounds.Left - a.Bounds.Right;
            var height = Math.Max(a.Height, b.Height);
            if (b.Center.X > a.Center.X && gap < height && Math.Abs(b.Center.Y - a.Center.Y) < height * 0.5f && gap < bestGap)
            {
                best = j;
                bestGap = gap;
            }
        }

        return best;
    }
}
