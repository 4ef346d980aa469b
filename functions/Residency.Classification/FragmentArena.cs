using System.Buffers;

namespace Residency.Classification;

/// <summary>
/// Pooled memory for the fragments of many uploads that live and die together, such as one ingest batch: the classifier
/// writes each upload's fragments into it instead of a new array, and disposing it gives the memory back to the pool.
/// Without it every event allocated its whole classified output (docs/performance.md, "Fourth round"). Thread-safe: the
/// events of a batch are classified in parallel. Every fragment taken from an arena must be finished with before the
/// arena is disposed.
/// </summary>
public sealed class FragmentArena : IDisposable
{
    /// <summary>Uploads share chunks of this size (a batch of 1,000 telemetry events fills two); a larger output gets a
    /// pooled array of its own. Few large arrays, rather than many small ones, stay within what the shared pool keeps.</summary>
    private const int ChunkBytes = 1024 * 1024;
    private const int SharedUpTo = ChunkBytes / 4;

    private readonly Lock _gate = new();
    private readonly List<byte[]> _rented = [];
    private byte[] _chunk = [];
    private int _used;
    private bool _disposed;

    /// <summary>Bytes handed out so far (for tests and benchmarks).</summary>
    public long BytesTaken { get; private set; }

    /// <summary>Room for exactly <paramref name="length"/> bytes, valid until the arena is disposed.</summary>
    internal Memory<byte> Take(int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            BytesTaken += length;
            if (length > SharedUpTo)
            {
                var own = Rent(length);
                return own.AsMemory(0, length);
            }

            if (_used + length > _chunk.Length)
            {
                _chunk = Rent(ChunkBytes);
                _used = 0;
            }

            var memory = _chunk.AsMemory(_used, length);
            _used += length;
            return memory;
        }
    }

    /// <summary>Returns every array to the pool; fragments taken from this arena must not be read afterwards.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            foreach (var array in _rented)
            {
                ArrayPool<byte>.Shared.Return(array);
            }

            _rented.Clear();
            _chunk = [];
        }
    }

    private byte[] Rent(int length)
    {
        var array = ArrayPool<byte>.Shared.Rent(length);
        _rented.Add(array);
        return array;
    }
}
