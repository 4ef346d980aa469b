using Xunit;

namespace Residency.Frames.Tests;

public sealed class ModelIntegrityTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("frame-models-").FullName;

    public ModelIntegrityTests()
    {
        foreach (var file in Directory.GetFiles(FramesFixture.ModelDirectory))
        {
            File.Copy(file, Path.Combine(_directory, Path.GetFileName(file)));
        }
    }

    [Fact]
    public async Task The_copied_models_load_and_compile()
    {
        using var deidentifier = new FrameDeidentifier(new FrameDeidentifierSettings { ModelDirectory = _directory });
        await deidentifier.Compiled;

        Assert.True(deidentifier.Compiled.IsCompletedSuccessfully);
    }

    [Fact]
    public void Disposing_while_the_models_compile_waits_for_the_compilation()
    {
        // Releasing sessions ONNX Runtime is still building, or exiting meanwhile, crashes the process.
        var deidentifier = new FrameDeidentifier(new FrameDeidentifierSettings { ModelDirectory = _directory });
        deidentifier.Dispose();

        Assert.True(deidentifier.Compiled.IsCompleted);
        Assert.Throws<ObjectDisposedException>(() => deidentifier.Deidentify(File.ReadAllBytes(Path.Combine(_directory, "ppocr_keys_v1.txt"))));
    }

    [Theory]
    [InlineData("face_detection_back_256x256_barracuda.onnx", "427cbbe0fc41448d09e1dc9cfabe2423d997cf2faaeab91fadd09a510b63b8e2")]
    [InlineData("ch_PP-OCRv4_det_infer.onnx", "30a86f5731181461d08021402766601e4302a9b9b9666be8aff402696339cdff")]
    [InlineData("ch_PP-OCRv4_rec_infer.onnx", "06b3e6af6c59a1ba5d53790ed8c2e4b2de389870b6cf5a97f349f3412cb269c0")]
    [InlineData("ppocr_keys_v1.txt", "28b2362ad4ab2dc38769aa72feb535e3a9ddb3fd2a7585a05920e6393b1dc7f7")]
    public void A_model_with_a_different_hash_is_refused_naming_the_file_and_both_hashes(string file, string pinned)
    {
        var path = Path.Combine(_directory, file);
        var bytes = File.ReadAllBytes(path);
        bytes[bytes.Length / 2] ^= 0x01;
        File.WriteAllBytes(path, bytes);
        var changed = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes));

        var error = Assert.Throws<ModelIntegrityException>(() => new FrameDeidentifier(new FrameDeidentifierSettings { ModelDirectory = _directory }));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains(pinned, error.Message, StringComparison.Ordinal);
        Assert.Contains(changed, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_model_is_refused_naming_the_file()
    {
        var path = Path.Combine(_directory, "ch_PP-OCRv4_rec_infer.onnx");
        File.Delete(path);

        var error = Assert.Throws<ModelIntegrityException>(() => new FrameDeidentifier(new FrameDeidentifierSettings { ModelDirectory = _directory }));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(1, 0)]
    [InlineData(65, 1)]
    public void Thread_counts_out_of_range_are_refused(int intraOp, int interOp)
    {
        Assert.ThrowsAny<ArgumentException>(() => new FrameDeidentifier(
            new FrameDeidentifierSettings { ModelDirectory = _directory, IntraOpNumThreads = intraOp, InterOpNumThreads = interOp }));
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
