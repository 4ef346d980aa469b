using Xunit;

namespace Residency.Frames.Tests;

[Collection(FramesGroup.Name)]
public sealed class FaceTests(FramesFixture fixture)
{
    [Fact]
    public void The_astronauts_face_is_found_and_blurred_away()
    {
        var result = fixture.Deidentifier.Deidentify(fixture.Astronaut);

        Assert.Equal(FrameOutcome.Altered, result.Outcome);
        Assert.Equal(1, result.Faces);
        var face = Assert.Single(result.Regions);
        Assert.Equal(RegionKind.Face, face.Kind);
        // The face is in the upper middle of the 512x512 photo.
        Assert.InRange(face.X + (face.Width / 2), 180, 290);
        Assert.InRange(face.Y + (face.Height / 2), 80, 190);
        Assert.InRange(face.Width, 60, 200);
        Assert.Equal(FrameFormat.Jpeg, result.Format);
        Assert.Equal((512, 512), (result.Width, result.Height));

        AssertNoFaceLeft(result, new SkiaSharp.SKRectI(face.X, face.Y, face.X + face.Width, face.Y + face.Height), FrameOptions.Default);
    }

    [Theory]
    [InlineData(1280, 720, 11)]
    [InlineData(1280, 720, 12)]
    [InlineData(1920, 1080, 13)]
    public void A_face_in_a_road_scene_is_found_and_none_is_left_in_the_stored_frame(int width, int height, int seed)
    {
        var frame = fixture.Frames.Face(width, height, seed);

        var result = fixture.Deidentifier.Deidentify(frame.Jpeg);

        Assert.Equal(FrameOutcome.Altered, result.Outcome);
        Assert.Contains(result.Regions, r => r.Kind == RegionKind.Face && Overlap.Covers(r, frame.Truth!.Value));
        AssertNoFaceLeft(result, frame.Truth!.Value, FrameOptions.Default);
    }

    [Fact]
    public void Pixelating_also_leaves_no_face()
    {
        var options = FrameOptions.Default with { Blur = BlurMethod.Pixelate };

        var result = fixture.Deidentifier.Deidentify(fixture.Astronaut, options);

        var face = Assert.Single(result.Regions);
        AssertNoFaceLeft(result, new SkiaSharp.SKRectI(face.X, face.Y, face.X + face.Width, face.Y + face.Height), options);
    }

    // The stored frame: no face at the de-identifier's own threshold, and none where the face was even at a far lower one.
    private void AssertNoFaceLeft(FrameResult result, SkiaSharp.SKRectI where, FrameOptions options)
    {
        Assert.Equal(0, fixture.Deidentifier.Deidentify(result.Image, options with { Detectors = FrameDetectors.Faces }).Faces);
        var low = fixture.Deidentifier.Deidentify(result.Image, options with { Detectors = FrameDetectors.Faces, MinFaceConfidence = 0.3f });
        Assert.DoesNotContain(low.Regions, r => Overlap.Covers(r, where));
    }
}
