using System.Text;

namespace Residency.Classification.Streaming;

/// <summary>All per-upload working state, pooled per thread and reset between uploads so the hot path allocates little.</summary>
internal sealed class ClassificationSession
{
    [ThreadStatic]
    private static ClassificationSession? t_cached;

    public FragmentOutput[] Outputs { get; } = [new(), new(), new(), new()];

    public Frame[] Frames { get; private set; } = new Frame[34];

    public ByteBuffer Names { get; } = new();

    public ByteBuffer Scratch { get; } = new();

    public ByteBuffer Unescaped { get; } = new();

    public List<SeenKey> Keys { get; } = [];

    public List<DetectorMatch> Matches { get; } = [];

    public TagAccumulator Tags { get; } = new();

    // Envelope values found so far.
    public bool SchemaSeen;
    public string? MessageId;
    public string? VehicleKey;
    public bool HasVin;
    public DateTimeOffset CapturedAt;
    public int CapturedAtStart = -1;
    public int CapturedAtLength;
    public string? Kind;

    /// <summary>Above zero while walking a node that a conditional rule classifies as a whole (validation only, no output).</summary>
    public int CaptureDepth;

    public static ClassificationSession Rent(int maxDepth)
    {
        var session = t_cached ?? new ClassificationSession();
        t_cached = null;
        if (session.Frames.Length < maxDepth + 2)
        {
            session.Frames = new Frame[maxDepth + 2];
        }

        return session;
    }

    public static void Return(ClassificationSession session)
    {
        session.Reset();
        t_cached = session;
    }

    public string NameString(int start, int length) => Encoding.UTF8.GetString(Names.Slice(start, length));

    private void Reset()
    {
        foreach (var output in Outputs)
        {
            output.Reset();
        }

        Array.Clear(Frames);
        Names.Trim(64 * 1024);
        Scratch.Trim(256 * 1024);
        Unescaped.Trim(256 * 1024);
        Keys.Clear();
        Matches.Clear();
        Tags.Clear();
        SchemaSeen = false;
        MessageId = null;
        VehicleKey = null;
        HasVin = false;
        CapturedAt = default;
        CapturedAtStart = -1;
        CapturedAtLength = 0;
        Kind = null;
        CaptureDepth = 0;
    }
}
