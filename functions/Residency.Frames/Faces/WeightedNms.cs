namespace Residency.Frames.Faces;

/// <summary>MediaPipe's weighted non-maximum suppression: overlapping boxes (IoU at least 0.3) are merged into their
/// score-weighted mean, keeping the highest score. Steadier boxes than plain NMS, which matters when tiles see the same face.</summary>
internal static class WeightedNms
{
    private const float OverlapThreshold = 0.3f;

    public static List<FaceBox> Merge(List<FaceBox> candidates)
    {
        var remaining = candidates.OrderByDescending(c => c.Score).ToList();
        var merged = new List<FaceBox>();
        while (remaining.Count > 0)
        {
            var top = remaining[0];
            float left = 0, topEdge = 0, right = 0, bottom = 0, weight = 0;
            var rest = new List<FaceBox>(remaining.Count);
            foreach (var box in remaining)
            {
                if (top.IntersectionOverUnion(box) >= OverlapThreshold)
                {
                    left += box.Left * box.Score;
                    topEdge += box.Top * box.Score;
                    right += box.Right * box.Score;
                    bottom += box.Bottom * box.Score;
                    weight += box.Score;
                }
                else
                {
                    rest.Add(box);
                }
            }

            merged.Add(new FaceBox(left / weight, topEdge / weight, right / weight, bottom / weight, top.Score));
            remaining = rest;
        }

        return merged;
    }
}
