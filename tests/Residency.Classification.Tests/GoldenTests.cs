using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Xunit;

namespace Residency.Classification.Tests;

/// <summary>The full report of every sample upload, checked in. Set RESIDENCY_UPDATE_GOLDEN=1 to rewrite the files after an intended change.</summary>
public class GoldenTests
{
    public static TheoryData<string> Kinds => new(Samples.Kinds);

    /// <summary>Hutool's IdcardUtilTest numbers (valid and invalid), each alone as a fault code: a general field where every
    /// detector runs. First-generation IDs appear bare (not IDs: no keyword) and after "ID " (IDs). The golden file holds each
    /// one's subjects (kind and hash) and report.</summary>
    public static List<string> DocumentVectors { get; } =
    [
        "321083197812162119", "150102198807303035", "33010219200403064X", "33010219200403064x", "932682198501010017",
        "81000019980902013X", "820000200009100032", "830000200209060065", "P174468(6)", "B221690311",
        "ID 150102880730303", "ID 330102200403064", "ID 111111111111111", // the first 13 are found, the rest not
        "150102880730303", "330102200403064", "111111111111111",
        "360198910283844", "ID 360198910283844", "201511221897205960", "815727834224151", "ID 815727834224151",
        "3301022011022000D6", "M517086311", "B2216903112", "321083200807112119",
    ];

    private const int DocumentVectorsFound = 13;

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Sample_upload_report_matches_its_golden_file(string kind)
    {
        var upload = Samples.Classifier.Classify(Samples.Read(kind + ".json"));
        Assert.Equal(kind, upload.Kind);
        MatchGolden(kind, Render(upload));
    }

    [Fact]
    public void Document_vectors_as_fault_codes_match_their_golden_file()
    {
        var builder = new StringBuilder("{\n");
        foreach (var vector in DocumentVectors)
        {
            var upload = Samples.Classify(Samples.Minimal($"\"kind\":\"diagnostic\",\"diagnostics\":{{\"dtc\":[\"P0A80\",\"{vector}\"]}}"));
            Assert.True(upload.Level == (DocumentVectors.IndexOf(vector) < DocumentVectorsFound ? DataLevel.Sensitive : DataLevel.Personal), vector);
            var report = Render(upload).TrimEnd().Replace("\n", "\n    ", StringComparison.Ordinal);
            var subjects = string.Join(", ", upload.Subjects.Select(s => $"\"{s.Kind}:{s.Hash:x16}\""));
            builder.Append("  ").Append(JsonSerializer.Serialize(vector)).Append(": {\n    \"subjects\": [").Append(subjects).Append("],\n    \"report\": ")
                .Append(report).Append(vector == DocumentVectors[^1] ? "\n  }\n" : "\n  },\n");
        }

        MatchGolden("document-vectors", builder.Append("}\n").ToString());
    }

    private static void MatchGolden(string name, string actual)
    {
        var path = Path.Combine(Samples.Root, "tests", "Residency.Classification.Tests", "Golden", name + ".report.json");
        var golden = File.Exists(path) ? File.ReadAllText(path) : null;
        if (Environment.GetEnvironmentVariable("RESIDENCY_UPDATE_GOLDEN") == "1" && golden != actual)
        {
            // Update mode writes the new report and fails, so a run that rewrote a golden file never passes.
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, actual);
            Assert.Fail($"Golden file {path} was rewritten: review the diff, then run the tests without RESIDENCY_UPDATE_GOLDEN.");
        }

        Assert.True(golden is not null, $"Golden file {path} is missing; run the tests once with RESIDENCY_UPDATE_GOLDEN=1 and review it.");
        Assert.Equal(golden, actual);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void No_fragment_holds_a_value_stored_at_a_higher_level(string kind)
    {
        // Every raw string value of the upload that is stored unchanged at some level must not appear in a lower level's fragment.
        var upload = Samples.Classifier.Classify(Samples.Read(kind + ".json"));
        var texts = upload.Fragments.ToDictionary(f => f.Level, f => Encoding.UTF8.GetString(f.Json.Span));
        using var input = JsonDocument.Parse(Samples.Read(kind + ".json"));
        var envelope = new[] { upload.MessageId, input.RootElement.GetProperty("capturedAt").GetString(), "vehicle-upload/1", kind };
        foreach (var value in Strings(input.RootElement).Where(v => v.Length >= 6 && !envelope.Contains(v)))
        {
            var levels = texts.Where(t => t.Value.Contains('"' + JsonEncodedText.Encode(value, JavaScriptEncoder.UnsafeRelaxedJsonEscaping).ToString() + '"', StringComparison.Ordinal)).Select(t => t.Key).ToList();
            Assert.True(levels.Count <= 1 || levels.All(l => l == levels[0]), $"a value of {kind} ({value.Length} chars) appears in fragments {string.Join(",", levels)}");
        }
    }

    internal static string Render(ClassifiedUpload upload)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            upload.WriteReport(writer);
        }

        return Encoding.UTF8.GetString(stream.ToArray()).Replace("\r\n", "\n", StringComparison.Ordinal) + "\n";
    }

    private static IEnumerable<string> Strings(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => element.EnumerateObject().SelectMany(p => Strings(p.Value)),
        JsonValueKind.Array => element.EnumerateArray().SelectMany(Strings),
        JsonValueKind.String => [element.GetString()!],
        _ => [],
    };
}
