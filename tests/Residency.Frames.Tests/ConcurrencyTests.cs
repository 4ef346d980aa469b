using Residency.Development.Frames;
using Xunit;

namespace Residency.Frames.Tests;

[Collection(FramesGroup.Name)]
public sealed class ConcurrencyTests(FramesFixture fixture)
{
    [Fact]
    public void Frames_de_identified_at_once_on_one_instance_give_the_results_of_one_at_a_time()
    {
        SyntheticFrame[] frames =
        [
            fixture.Frames.Face(1280, 720, 41), fixture.Frames.Plate(PlateKind.Blue, 1280, 720, 42),
            fixture.Frames.Plate(PlateKind.Trailer, 1280, 720, 43), SyntheticFrames.Clean(1280, 720, 44),
        ];
        var sequential = frames.Select(f => fixture.Deidentifier.Deidentify(f.Jpeg)).ToArray();

        var parallel = new FrameResult[frames.Length * 3];
        Parallel.For(0, parallel.Length, new ParallelOptions { MaxDegreeOfParallelism = 4 },
            i => parallel[i] = fixture.Deidentifier.Deidentify(frames[i % frames.Length].Jpeg));

        for (var i = 0; i < parallel.Length; i++)
        {
            var expected = sequential[i % frames.Length];
            Assert.Equal(expected.Outcome, parallel[i].Outcome);
            Assert.Equal(expected.Regions, parallel[i].Regions);
            Assert.Equal(expected.Image.ToArray(), parallel[i].Image.ToArray());
        }
    }
}
