using SkiaSharp;

namespace Residency.Frames.Text;

/// <summary>
/// PaddleOCR's DB post-processing: the probability map thresholded at 0.3, 8-connected components, each component's
/// minimum-area rectangle scored by its mean probability, then grown by the unclip distance (area x 1.5 / perimeter), since
/// DB is trained on shrunk text kernels.
/// </summary>
internal static class DbPostprocess
{
    private const float BinaryThreshold = 0.3f;
    private const float UnclipRatio = 1.5f;
    private const int MinSide = 3;
    private const int MaxCandidates = 1000;

    /// <summary>Text boxes in map pixels.</summary>
    public static List<TextBox> Boxes(ReadOnlySpan<float> map, int width, int height, float minScore)
    {
        var boxes = new List<TextBox>();
        var visited = new bool[map.Length];
        var stack = new Stack<int>();
        var rowMin = new Dictionary<int, (int Min, int Max)>();
        for (var start = 0; start < map.Length && boxes.Count < MaxCandidates; start++)
        {
            if (visited[start] || map[start] <= BinaryThreshold)
            {
                continue;
            }

            // Flood fill one component, keeping each row's extent and the probability sum.
            rowMin.Clear();
            var sum = 0f;
            var count = 0;
            visited[start] = true;
            stack.Push(start);
            while (stack.Count > 0)
            {
                var index = stack.Pop();
                int x = index % width, y = index / width;
                sum += map[index];
                count++;
                rowMin[y] = rowMin.TryGetValue(y, out var extent) ? (Math.Min(extent.Min, x), Math.Max(extent.Max, x)) : (x, x);
                for (var dy = -1; dy <= 1; dy++)
                {
                    var ny = y + dy;
                    if (ny < 0 || ny >= height)
                    {
                        continue;
                    }

                    for (var dx = -1; dx <= 1; dx++)
                    {
                        var nx = x + dx;
                        var neighbour = (ny * width) + nx;
                        if (nx >= 0 && nx < width && !visited[neighbour] && map[neighbour] > BinaryThreshold)
                        {
                            visited[neighbour] = true;
                            stack.Push(neighbour);
                        }
                    }
                }
            }

            var score = sum / count;
            if (count < MinSide * MinSide || score < minScore)
            {
                continue;
            }

            var outline = new List<SKPoint>(rowMin.Count * 4);
            foreach (var (y, extent) in rowMin)
            {
                outline.Add(new SKPoint(extent.Min, y));
                outline.Add(new SKPoint(extent.Max + 1, y));
                outline.Add(new SKPoint(extent.Min, y + 1));
                outline.Add(new SKPoint(extent.Max + 1, y + 1));
            }

            var corners = MinAreaRect.Of(outline);
            var box = new TextBox(corners, score);
            if (Math.Min(box.Width, box.Height) < MinSide)
            {
                continue;
            }

            var unclipped = Unclip(box);
            if (Math.Min(unclipped.Width, unclipped.Height) < MinSide + 2)
            {
                continue;
            }

            boxes.Add(unclipped);
        }

        return boxes;
    }

    // For a rectangle, the unclip polygon offset is the rectangle grown by the distance on every side.
    private static TextBox Unclip(TextBox box) => box.Inflate(box.Width * box.Height * UnclipRatio / (2 * (box.Width + box.Height)),
        box.Width * box.Height * UnclipRatio / (2 * (box.Width + box.Height)));
}
