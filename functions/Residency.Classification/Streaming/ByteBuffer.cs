using System.Buffers;

namespace Residency.Classification.Streaming;

/// <summary>A growable byte list on pooled arrays, reused across uploads (names, scratch text).</summary>
internal sealed class ByteBuffer
{
    private byte[] _data = ArrayPool<byte>.Shared.Rent(1024);

    public int Length { get; private set; }

    public Span<byte> Written => _data.AsSpan(0, Length);

    public Span<byte> Slice(int start, int length) => _data.AsSpan(start, length);

    /// <summary>Returns room for <paramref name="size"/> bytes at the end; call <see cref="Advance"/> with what was used.</summary>
    public Span<byte> GetSpan(int size)
    {
        if (Length + size > _data.Length)
        {
            var bigger = ArrayPool<byte>.Shared.Rent(Math.Max(_data.Length * 2, Length + size));
            _data.AsSpan(0, Length).CopyTo(bigger);
            ArrayPool<byte>.Shared.Return(_data);
            _data = bigger;
        }

        return _data.AsSpan(Length, size);
    }

    public void Advance(int count) => Length += count;

    public void Append(ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(GetSpan(bytes.Length));
        Length += bytes.Length;
    }

    public void Append(byte b)
    {
        GetSpan(1)[0] = b;
        Length++;
    }

    public void Truncate(int length) => Length = length;

    /// <summary>Gives back oversized arrays after an unusually large upload, so idle threads do not pin memory.</summary>
    public void Trim(int maxRetained)
    {
        Length = 0;
        if (_data.Length > maxRetained)
        {
            ArrayPool<byte>.Shared.Return(_data);
            _data = ArrayPool<byte>.Shared.Rent(1024);
        }
    }
}
