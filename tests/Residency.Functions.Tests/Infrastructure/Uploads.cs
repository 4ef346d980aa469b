using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Residency.Ingest;
using Residency.Testing;

namespace Residency.Functions.Tests.Infrastructure;

/// <summary>Test events built from the repository's sample uploads, each with a fresh message id.</summary>
internal static class Uploads
{
    public static IReadOnlyList<string> Kinds { get; } = ["account", "cabin", "charging", "diagnostic", "event", "telemetry", "trip"];

    private static string SamplesDirectory => Path.Combine(RepoPaths.Root, "samples", "uploads");

    /// <summary>A valid sample of the kind with a new messageId.</summary>
    public static byte[] Sample(string kind)
    {
        var node = JsonNode.Parse(File.ReadAllBytes(Path.Combine(SamplesDirectory, kind + ".json")))!;
        node["messageId"] = Guid.NewGuid().ToString();
        return Encoding.UTF8.GetBytes(node.ToJsonString());
    }

    /// <summary>An invalid sample as stored in samples/uploads/invalid.</summary>
    public static byte[] Invalid(string name) => File.ReadAllBytes(Path.Combine(SamplesDirectory, "invalid", name + ".json"));

    public static byte[] Gzip(byte[] data)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest))
        {
            gzip.Write(data);
        }

        return output.ToArray();
    }

    public static byte[] GzipBomb() => Gzip(Encoding.UTF8.GetBytes("{\"notes\":\"" + new string(' ', 8 * 1024 * 1024) + "\"}"));

    public static IngestEvent Event(long sequenceNumber, byte[] body, IReadOnlyDictionary<string, string>? properties = null) =>
        new(body, sequenceNumber, (sequenceNumber * 512).ToString(CultureInfo.InvariantCulture),
            new DateTimeOffset(2026, 11, 22, 8, 0, 0, TimeSpan.Zero).AddSeconds(sequenceNumber), "vk-test", properties);

    public static IReadOnlyDictionary<string, string> GzipProperty { get; } = new Dictionary<string, string> { ["contentEncoding"] = "gzip" };

    /// <summary>A partition id no other test uses, so blob names never collide across tests.</summary>
    /// <summary>A fresh Event Hubs partition id (a decimal number), so tests sharing one Azurite never meet.</summary>
    public static string NewPartition() => Random.Shared.Next(1, 1_000_000_000).ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// Identifying values in the samples (VINs, phones, ID numbers, names, e-mail, plates, precise coordinates):
    /// none of them may ever appear in a log line.
    /// </summary>
    public static IReadOnlyList<string> SensitiveValues { get; } = CollectSensitiveValues();

    private static List<string> CollectSensitiveValues()
    {
        var names = new HashSet<string>(StringComparer.Ordinal) { "vin", "phone", "idNumber", "name", "email", "plate", "lat", "lon" };
        var values = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in Directory.GetFiles(SamplesDirectory, "*.json"))
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(file));
            Walk(document.RootElement, null, names, values);
        }

        // Short coordinates (two decimals) could collide with timings in framework logs; precise ones cannot.
        return values.Where(v => v.Length >= 7).Order(StringComparer.Ordinal).ToList();
    }

    private static void Walk(JsonElement element, string? property, HashSet<string> names, HashSet<string> values)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var p in element.EnumerateObject())
                {
                    Walk(p.Value, p.Name, names, values);
                }

                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    Walk(item, property, names, values);
                }

                break;
            case JsonValueKind.String or JsonValueKind.Number when property is not null && names.Contains(property):
                values.Add(element.ValueKind == JsonValueKind.String ? element.GetString()! : element.GetRawText());
                break;
        }
    }
}
