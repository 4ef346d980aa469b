using System.Text;

namespace Residency.Frames.Text;

/// <summary>Greedy CTC decoding as PaddleOCR does it: the best class per time step, repeats collapsed, blanks (class 0)
/// dropped; class k is line k of the keys file, and the class after the last line is a space (use_space_char).</summary>
internal sealed class CtcDecoder
{
    private readonly string[] _characters;

    public CtcDecoder(byte[] keysFile, int classes)
    {
        var lines = Encoding.UTF8.GetString(keysFile).Replace("\r", string.Empty, StringComparison.Ordinal).Split('\n');
        var keys = lines.Length > 0 && lines[^1].Length == 0 ? lines[..^1] : lines;
        if (keys.Length + 2 != classes)
        {
            throw new ModelIntegrityException(
                $"The recognition keys have {keys.Length} characters, but the model has {classes} classes (expected characters + blank + space).");
        }

        _characters = ["", .. keys, " "];
    }

    /// <summary>The text and the mean probability of its characters (0 when empty).</summary>
    public (string Text, float Confidence) Decode(ReadOnlySpan<float> probabilities, int steps, int classes)
    {
        var text = new StringBuilder();
        var previous = 0;
        var sum = 0f;
        var count = 0;
        for (var t = 0; t < steps; t++)
        {
            var row = probabilities.Slice(t * classes, classes);
            var best = 0;
            for (var k = 1; k < classes; k++)
            {
                if (row[k] > row[best])
                {
                    best = k;
                }
            }

            if (best != 0 && best != previous)
            {
                text.Append(_characters[best]);
                sum += row[best];
                count++;
            }

            previous = best;
        }

        return (text.ToString(), count == 0 ? 0 : sum / count);
    }
}
