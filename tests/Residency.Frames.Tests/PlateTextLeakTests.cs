using System.Text.Json;
using Residency.Development.Frames;
using Xunit;

namespace Residency.Frames.Tests;

[Collection(FramesGroup.Name)]
public sealed class PlateTextLeakTests(FramesFixture fixture)
{
    [Theory]
    [InlineData(PlateKind.Blue)]
    [InlineData(PlateKind.NewEnergySmall)]
    [InlineData(PlateKind.Police)]
    public void No_plate_text_in_anything_a_result_can_log(PlateKind kind)
    {
        var frame = fixture.Frames.Plate(kind, 1280, 720, seed: 200 + (int)kind);
        var result = fixture.Deidentifier.Deidentify(frame.Jpeg, FrameOptions.Default with { Detectors = FrameDetectors.Plates | FrameDetectors.AllText });
        Assert.True(result.Plates >= 1, result.ToString());

        // Everything but the image bytes: ToString, each region, each property, and a JSON logger's view.
        var surface = new List<string> { result.ToString(), result.Timings.ToString(), frame.ToString() };
        surface.AddRange(result.Regions.Select(r => r.ToString()));
        surface.AddRange(typeof(FrameResult).GetProperties().Where(p => p.Name != nameof(FrameResult.Image))
            .Select(p => Convert.ToString(p.GetValue(result), System.Globalization.CultureInfo.InvariantCulture) ?? ""));
        surface.Add(JsonSerializer.Serialize(new { result.Outcome, result.Reason, result.Faces, result.Plates, result.TextRegions, result.Regions, result.Format, result.Width, result.Height, result.Timings }));

        var number = frame.PlateNumber!;
        foreach (var text in surface)
        {
            Assert.DoesNotContain(number, text, StringComparison.Ordinal);
            Assert.DoesNotContain(number[2..], text, StringComparison.Ordinal);
            Assert.DoesNotContain(number[..2], text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void No_plate_text_in_exceptions()
    {
        var frame = fixture.Frames.Plate(PlateKind.Blue, 1280, 720, seed: 300);
        using var deidentifier = new FrameDeidentifier();
        var result = deidentifier.Deidentify(frame.Jpeg);
        Assert.Equal(1, result.Plates);
        deidentifier.Dispose();

        var errors = new List<Exception>
        {
            Assert.Throws<ObjectDisposedException>(() => deidentifier.Deidentify(frame.Jpeg)),
            Assert.ThrowsAny<ArgumentException>(() => fixture.Deidentifier.Deidentify(frame.Jpeg, FrameOptions.Default with { TextDetectionSide = 100 })),
        };

        foreach (var error in errors)
        {
            Assert.DoesNotContain(frame.PlateNumber![2..], error.ToString(), StringComparison.Ordinal);
        }
    }
}
