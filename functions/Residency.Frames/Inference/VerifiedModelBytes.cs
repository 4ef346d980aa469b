namespace Residency.Frames.Inference;

/// <summary>The model files' bytes, each checked against its pinned SHA-256.</summary>
internal sealed record VerifiedModelBytes(byte[] Faces, byte[] TextDetection, byte[] TextRecognition, byte[] RecognitionKeys)
{
    /// <summary>Reads and verifies every model file; throws <see cref="ModelIntegrityException"/> naming the first bad one.</summary>
    public static VerifiedModelBytes Read(string directory) => new(
        VerifiedModels.Read(directory, ModelFiles.Faces),
        VerifiedModels.Read(directory, ModelFiles.TextDetection),
        VerifiedModels.Read(directory, ModelFiles.TextRecognition),
        VerifiedModels.Read(directory, ModelFiles.RecognitionKeys));
}
