namespace Residency.Frames.Inference;

/// <summary>Checks a loaded model's tensor shapes against what the decoding code assumes, so a different model fails at load, not with nonsense boxes.</summary>
internal static class ModelShapes
{
    public static void Require(OnnxModel model, ModelFile file, int[] actual, int[] expected)
    {
        if (!Matches(actual, expected))
        {
            throw new ModelIntegrityException(
                $"The frame model {file.FileName} has input shape [{string.Join(",", actual)}], expected [{string.Join(",", expected)}] ({model.InputNames.Count} inputs).");
        }
    }

    /// <summary>The index (in output order) of the output with this shape (-1 in <paramref name="expected"/> matches any size).</summary>
    public static int Output(OnnxModel model, ModelFile file, int[] expected)
    {
        for (var i = 0; i < model.OutputNames.Count; i++)
        {
            if (Matches(model.OutputShape(model.OutputNames[i]), expected))
            {
                return i;
            }
        }

        throw new ModelIntegrityException($"The frame model {file.FileName} has no output of shape [{string.Join(",", expected)}].");
    }

    private static bool Matches(int[] actual, int[] expected) =>
        actual.Length == expected.Length && actual.Zip(expected).All(p => p.Second == -1 || p.First == p.Second);
}
