using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Residency.Classification.Streaming;

/// <summary>The writer of one level's fragment body; containers are opened lazily, only when a value lands in them.</summary>
internal sealed class FragmentOutput
{
    /// <summary>Relaxed escaping keeps Chinese text readable; fragments are stored as JSON documents, never embedded in HTML.</summary>
    public static readonly JavaScriptEncoder Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;

    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Encoder = Encoder,
        SkipValidation = true,
    };

    public FragmentOutput()
    {
        Buffer = new ArrayBufferWriter<byte>(4096);
        Writer = new Utf8JsonWriter(Buffer, WriterOptions);
    }

    public ArrayBufferWriter<byte> Buffer { get; }

    public Utf8JsonWriter Writer { get; }

    /// <summary>Per open array (by depth), how many elements this writer has written; skipped elements are padded with null
    /// so an element keeps its index in every fragment and fragments can be joined element by element.</summary>
    public int[] ElementsWritten { get; } = new int[260];

    /// <summary>How many frames (from the root) are open in this writer.</summary>
    public int OpenDepth { get; set; }

    public bool Touched => OpenDepth > 0 || Buffer.WrittenCount > 0;

    public void Reset()
    {
        Writer.Flush();
        Buffer.ResetWrittenCount();
        Writer.Reset(Buffer);
        OpenDepth = 0;
    }
}
