using System.IO.Compression;
using System.Text;

namespace Residency.Cli.Simulation;

/// <summary>Deliberate defects injected into a share of the simulated events; each must end in quarantine.</summary>
internal static class Malformations
{
    /// <summary>Every defect, by name; "oversized" only where bodies over 1 MB can be delivered (the local run).</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        "truncated-json", "missing-vin", "unknown-schema", "bad-message-id", "wrong-type", "not-an-object",
        "invalid-utf8", "truncated-gzip", "gzip-bomb", "oversized",
    ];

    /// <summary>Applies a defect to a valid upload; returns the new body and whether it claims gzip.</summary>
    public static (byte[] Body, bool Gzip) Apply(string malformation, byte[] upload)
    {
        var text = Encoding.UTF8.GetString(upload);
        return malformation switch
        {
            "truncated-json" => (upload[..(upload.Length / 2)], false),
            "missing-vin" => (Encoding.UTF8.GetBytes(RemoveProperty(text, "vin")), false),
            "unknown-schema" => (Encoding.UTF8.GetBytes(text.Replace("vehicle-upload/1", "vehicle-upload/9", StringComparison.Ordinal)), false),
            "bad-message-id" => (Encoding.UTF8.GetBytes(ReplaceValue(text, "messageId", "\"../../etc/passwd\"")), false),
            "wrong-type" => (Encoding.UTF8.GetBytes(ReplaceValue(text, "capturedAt", "12345")), false),
            "not-an-object" => ("[1,2,3]"u8.ToArray(), false),
            "invalid-utf8" => ([.. upload[..^1], 0xff, 0xfe, (byte)'}'], false),
            "truncated-gzip" => (Gzip(upload)[..^6], true),
            "gzip-bomb" => (Gzip(Bomb()), true),
            "oversized" => (Encoding.UTF8.GetBytes(ReplaceValue(text, "firmware", "\"" + new string('x', 1_100_000) + "\"")), false),
            _ => throw new ArgumentOutOfRangeException(nameof(malformation), malformation, "Unknown malformation."),
        };
    }

    public static byte[] Gzip(byte[] data)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Optimal))
        {
            gzip.Write(data);
        }

        return output.ToArray();
    }

    // A syntactically valid upload that inflates from about 8 KB to 8 MB.
    private static byte[] Bomb() => Encoding.UTF8.GetBytes("{\"notes\":\"" + new string(' ', 8 * 1024 * 1024) + "\"}");

    private static string RemoveProperty(string json, string name)
    {
        var start = json.IndexOf($"\"{name}\":", StringComparison.Ordinal);
        var end = json.IndexOf(',', start);
        return json.Remove(start, end - start + 1);
    }

    private static string ReplaceValue(string json, string name, string newValue)
    {
        var key = $"\"{name}\":";
        var start = json.IndexOf(key, StringComparison.Ordinal) + key.Length;
        var end = json.IndexOf(',', start);
        return string.Concat(json.AsSpan(0, start), newValue, json.AsSpan(end));
    }
}
