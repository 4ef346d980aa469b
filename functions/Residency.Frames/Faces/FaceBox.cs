namespace Residency.Frames.Faces;

/// <summary>A face box in frame pixels with its score.</summary>
internal readonly record struct FaceBox(float Left, float Top, float Right, float Bottom, float Score)
{
    public float Width => Right - Left;

    public float Height => Bottom - Top;

    public float IntersectionOverUnion(FaceBox other)
    {
        var w = Math.Min(Right, other.Right) - Math.Max(Left, other.Left);
        var h = Math.Min(Bottom, other.Bottom) - Math.Max(Top, other.Top);
        if (w <= 0 || h <= 0)
        {
            return 0;
        }

        var inner = w * h;
        return inner / ((Width * Height) + (other.Width * other.Height) - inner);
    }
}
