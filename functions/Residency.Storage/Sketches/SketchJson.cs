using System.Text.Json;

namespace Residency.Storage.Sketches;

/// <summary>HyperLogLog sketches in the ledger's JSON: <c>{"encoding": "sparse|dense", "registers": "base64"}</c>.</summary>
internal static class SketchJson
{
    public static void Write(Utf8JsonWriter writer, string name, HyperLogLog sketch)
    {
        writer.WriteStartObject(name);
        var registers = sketch.ToBase64(out var encoding);
        writer.WriteString("encoding", encoding);
        writer.WriteString("registers", registers);
        writer.WriteEndObject();
    }

    public static HyperLogLog Read(JsonElement element, int precision = HyperLogLog.DefaultPrecision) =>
        HyperLogLog.FromBase64(precision, element.GetProperty("encoding").GetString()!, element.GetProperty("registers").GetString()!);

    /// <summary>Writes an object of named sketches, in name order.</summary>
    public static void WriteAll(Utf8JsonWriter writer, string name, IReadOnlyDictionary<string, HyperLogLog> sketches)
    {
        writer.WriteStartObject(name);
        foreach (var (key, sketch) in sketches.OrderBy(s => s.Key, StringComparer.Ordinal))
        {
            Write(writer, key, sketch);
        }

        writer.WriteEndObject();
    }

    public static SortedDictionary<string, HyperLogLog> ReadAll(JsonElement element)
    {
        var sketches = new SortedDictionary<string, HyperLogLog>(StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject())
        {
            sketches[property.Name] = Read(property.Value);
        }

        return sketches;
    }

    /// <summary>True when both hold the same registers.</summary>
    public static bool SameRegisters(HyperLogLog a, HyperLogLog b) =>
        a.ToBase64(out var encodingA) == b.ToBase64(out var encodingB) && encodingA == encodingB;
}
