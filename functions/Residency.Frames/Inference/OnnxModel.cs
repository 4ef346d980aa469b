using Microsoft.ML.OnnxRuntime;

namespace Residency.Frames.Inference;

/// <summary>One verified ONNX model in an inference session with bounded threads. Run is safe from many threads at once.</summary>
internal sealed class OnnxModel : IDisposable
{
    private readonly InferenceSession _session;
    private readonly string[] _inputNames;
    private readonly string[] _outputNames;

    public OnnxModel(byte[] model, FrameDeidentifierSettings settings)
    {
        using var options = new SessionOptions
        {
            IntraOpNumThreads = settings.IntraOpNumThreads,
            InterOpNumThreads = settings.InterOpNumThreads,
            ExecutionMode = settings.InterOpNumThreads > 1 ? ExecutionMode.ORT_PARALLEL : ExecutionMode.ORT_SEQUENTIAL,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
            // The models carry unused initializers ORT warns about on every load; errors still surface as exceptions.
            LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR,
        };
        // Idle pool threads must not spin on cores the handler needs for other frames.
        options.AddSessionConfigEntry("session.intra_op.allow_spinning", "0");
        options.AddSessionConfigEntry("session.inter_op.allow_spinning", "0");
        _session = new InferenceSession(model, options);
        _inputNames = [.. _session.InputNames];
        _outputNames = [.. _session.OutputNames];
    }

    public IReadOnlyList<string> InputNames => _inputNames;

    public IReadOnlyList<string> OutputNames => _outputNames;

    /// <summary>The declared shape of the named output (-1 for dynamic dimensions).</summary>
    public int[] OutputShape(string name) => _session.OutputMetadata[name].Dimensions;

    /// <summary>The declared shape of the only input (-1 for dynamic dimensions).</summary>
    public int[] InputShape => _session.InputMetadata[_inputNames[0]].Dimensions;

    /// <summary>Runs the model on one float tensor; the caller disposes the outputs (in <see cref="OutputNames"/> order).</summary>
    public IDisposableReadOnlyCollection<OrtValue> Run(float[] input, long[] shape)
    {
        using var value = OrtValue.CreateTensorValueFromMemory(input, shape);
        using var runOptions = new RunOptions();
        return _session.Run(runOptions, _inputNames, [value], _outputNames);
    }

    public void Dispose() => _session.Dispose();
}
