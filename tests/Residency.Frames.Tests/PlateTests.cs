using Residency.Classification.Detectors;
using Residency.Development.Frames;
using Xunit;

namespace Residency.Frames.Tests;

[Collection(FramesGroup.Name)]
public sealed class PlateTests(FramesFixture fixture) : IDisposable
{
    private readonly OcrProbe _ocr = new();

    public static TheoryData<PlateKind, int, int> Kinds()
    {
        var data = new TheoryData<PlateKind, int, int>();
        foreach (var kind in SyntheticFrames.PlateKinds)
        {
            data.Add(kind, 1280, 720);
        }

        data.Add(PlateKind.Blue, 1920, 1080);
        data.Add(PlateKind.NewEnergySmall, 1920, 1080);
        return data;
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void A_plate_of_every_kind_is_found_and_neither_detection_nor_recognition_finds_it_afterwards(PlateKind kind, int width, int height)
    {
        var frame = fixture.Frames.Plate(kind, width, height, seed: 100 + (int)kind);
        // The frame really shows a readable plate before.
        Assert.True(_ocr.AnyPlate(frame.Jpeg), $"{frame.Name}: the generated plate is not readable");

        var result = fixture.Deidentifier.Deidentify(frame.Jpeg);

        Assert.Equal(FrameOutcome.Altered, result.Outcome);
        Assert.True(result.Plates >= 1, result.ToString());
        Assert.Contains(result.Regions, r => r.Kind == RegionKind.Plate && Overlap.Covers(r, frame.Truth!.Value));
        var again = fixture.Deidentifier.Deidentify(result.Image);
        Assert.Equal(0, again.Plates);
        var left = _ocr.ReadAll(result.Image);
        Assert.DoesNotContain(left, text => PlateText.IsPlate(text));
        // Not even the serial part survives (the province and letter alone identify no one).
        Assert.DoesNotContain(left, text => text.Contains(frame.PlateNumber![2..], StringComparison.Ordinal));
    }

    [Fact]
    public void Pixelating_also_leaves_no_plate()
    {
        var frame = fixture.Frames.Plate(PlateKind.Yellow, 1280, 720, seed: 7);
        var result = fixture.Deidentifier.Deidentify(frame.Jpeg, FrameOptions.Default with { Blur = BlurMethod.Pixelate });

        Assert.Equal(1, result.Plates);
        Assert.False(_ocr.AnyPlate(result.Image));
    }

    [Fact]
    public void All_text_mode_blurs_the_plate_and_other_text()
    {
        var frame = fixture.Frames.Plate(PlateKind.Police, 1280, 720, seed: 8);
        var result = fixture.Deidentifier.Deidentify(frame.Jpeg, FrameOptions.Default with { Detectors = FrameDetectors.Plates | FrameDetectors.AllText });

        Assert.Equal(FrameOutcome.Altered, result.Outcome);
        Assert.Contains(result.Regions, r => r.Kind is RegionKind.Plate or RegionKind.Text && Overlap.Covers(r, frame.Truth!.Value));
        Assert.False(_ocr.AnyPlate(result.Image));
    }

    public void Dispose() => _ocr.Dispose();
}
