using System.IO.Compression;
using System.Text.Json;

namespace Residency.Storage.Batches;

/// <summary>One line of a stored level blob: its source position, vehicle key and the line's JSON (without newline).</summary>
public sealed record StoredLine(string PartitionId, long SequenceNumber, string VehicleKey, ReadOnlyMemory<byte> Json);

/// <summary>Reads the lines of a level blob back (gzip NDJSON); throws <see cref="FormatException"/> for anything else.</summary>
public static class LevelBlobReader
{
    /// <summary>The most bytes one blob may decompress to: far above a batch's size, far below a bomb.</summary>
    public const long MaxDecompressedBytes = 1L << 31;

    /// <summary>Every line of the blob, in stored order.</summary>
    public static IReadOnlyList<StoredLine> ReadLines(ReadOnlyMemory<byte> gzip)
    {
        byte[] text;
        try
        {
            using var input = new GZipStream(new MemoryStream(gzip.ToArray(), writable: false), CompressionMode.Decompress);
            using var output = new MemoryStream();
            var buffer = new byte[81920];
            int read;
            while ((read = input.Read(buffer)) > 0)
            {
                output.Write(buffer, 0, read);
                if (output.Length > MaxDecompressedBytes)
                {
                    throw new FormatException("A level blob decompresses to more than its limit.");
                }
            }

            text = output.ToArray();
        }
        catch (InvalidDataException e)
        {
            throw new FormatException("A level blob is not valid gzip.", e);
        }

        var lines = new List<StoredLine>();
        var start = 0;
        while (start < text.Length)
        {
            var end = Array.IndexOf(text, (byte)'\n', start);
            if (end < 0)
            {
                throw new FormatException("A level blob's last line has no newline.");
            }

            lines.Add(ReadLine(new ReadOnlyMemory<byte>(text, start, end - start)));
            start = end + 1;
        }

        return lines;
    }

    private static StoredLine ReadLine(ReadOnlyMemory<byte> json)
    {
        string? partition = null;
        string? vehicleKey = null;
        long? sequence = null;
        try
        {
            var reader = new Utf8JsonReader(json.Span);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                throw new FormatException("A level blob line is not a JSON object.");
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("partition"u8))
                {
                    reader.Read();
                    partition = reader.GetString();
                }
                else if (reader.ValueTextEquals("sequenceNumber"u8))
                {
                    reader.Read();
                    sequence = reader.GetInt64();
                }
                else if (reader.ValueTextEquals("vehicleKey"u8))
                {
                    reader.Read();
                    vehicleKey = reader.GetString();
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            throw new FormatException("A level blob line is not well-formed.", e);
        }

        if (partition is null || sequence is null || vehicleKey is null)
        {
            throw new FormatException("A level blob line lacks its partition, sequence number or vehicle key.");
        }

        return new StoredLine(partition, sequence.Value, vehicleKey, json);
    }
}
