using System.CommandLine;
using System.IO.Compression;
using System.Text.Encodings.Web;
using System.Text.Json;
using Residency.Ingest.Frames;
using Residency.Classification;

namespace Residency.Cli;

/// <summary><c>residency classify [--policy FILE] [--key-file FILE] FILE|-</c>: prints the classification report of one upload.</summary>
internal static class ClassifyCommand
{
    /// <summary>Largest input read from a file or stdin (the classifier applies its own, smaller limit).</summary>
    private const int MaxInputBytes = 64 * 1024 * 1024;

    public static Command Create()
    {
        var policyOption = new Option<FileInfo?>("--policy") { Description = "Policy JSON file (default: the embedded cn-auto policy)." };
        var keyOption = new Option<FileInfo?>("--key-file") { Description = "File holding the pseudonymization key as base64 (default: the public development key, with a warning)." };
        var input = new Argument<string>("file") { Description = "The upload (JSON, optionally gzip), or - for stdin." };
        var command = new Command("classify", "Classify one vehicle upload and print the report (exit 0 classified, 3 invalid upload or policy, 2 usage).")
        {
            policyOption,
            keyOption,
            input,
        };
        command.SetGuardedAction(parse => Run(
            PolicyFiles.Load(parse.GetValue(policyOption)),
            KeyFiles.Load(parse.GetValue(keyOption), parse.InvocationConfiguration.Error),
            parse.GetValue(input)!,
            parse.InvocationConfiguration.Output));
        return command;
    }

    private static int Run(ClassificationPolicy policy, PseudonymizationKey key, string inputPath, TextWriter output)
    {
        byte[] bytes;
        try
        {
            bytes = ReadInput(inputPath);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw CliException.Usage($"cannot read {inputPath}: {ex.Message}");
        }
        catch (InvalidDataException)
        {
            throw CliException.InvalidInput("invalid-gzip: the input starts like gzip but does not decompress.");
        }

        // As the handler does: exterior frames are de-identified first, so the report shows what would be stored.
        var frames = new FrameStage(policy, policy.FrameArrays.Count == 0 ? null : SharedFrameDeidentifier.Instance);
        var staged = frames.Apply(bytes, frames.NewBudget());
        if (staged.Refused)
        {
            throw CliException.InvalidInput($"{staged.ReasonCode}: {staged.Detail}");
        }

        ClassifiedUpload result;
        try
        {
            result = new UploadClassifier(policy, key).Classify(staged.Utf8.Span);
        }
        catch (UploadRejectedException ex)
        {
            throw CliException.InvalidInput($"{ex.ReasonCode}: {ex.Message}");
        }

        using (var stream = new MemoryStream())
        {
            using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
            {
                result.WriteReport(writer);
            }

            output.WriteLine(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
        }

        return ExitCodes.Success;
    }

    private static byte[] ReadInput(string path)
    {
        byte[] raw;
        if (path == "-")
        {
            using var stdin = Console.OpenStandardInput();
            raw = ReadAtMost(stdin);
        }
        else
        {
            using var file = File.OpenRead(path);
            raw = ReadAtMost(file);
        }

        if (raw.Length >= 2 && raw[0] == 0x1F && raw[1] == 0x8B)
        {
            using var gzip = new GZipStream(new MemoryStream(raw), CompressionMode.Decompress);
            return ReadAtMost(gzip);
        }

        return raw;
    }

    private static byte[] ReadAtMost(Stream stream)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = stream.Read(chunk, 0, chunk.Length)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > MaxInputBytes)
            {
                // Hand the classifier an oversized payload so it reports payload-too-large, without reading on forever.
                break;
            }
        }

        return buffer.ToArray();
    }
}
