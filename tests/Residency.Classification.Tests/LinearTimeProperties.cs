using System.Text;
using FsCheck;
using FsCheck.Fluent;
using Residency.Classification.Detectors;
using Xunit;

namespace Residency.Classification.Tests;

/// <summary>
/// Long adversarial texts (letter-digit runs, digit runs, full-width runs, repeated near misses, format characters between
/// everything) with one real identifier
/// somewhere: the results must be exactly that identifier. The texts are 40-120 KB, where a scan that rescans the rest of a
/// run from every start (quadratic) takes about a second per case that hits it, and the linear scan milliseconds: with the old
/// ICCID detector put back, this class took 12 s instead of 3 s on the build machine. Nothing here asserts time: the
/// benchmark measures it (tests/Residency.Benchmarks, worst-case rows).
/// </summary>
public class LinearTimeProperties
{
    private static readonly Config Runs = Config.QuickThrowOnFailure.WithMaxTest(20);

    /// <summary>More than the 16 characters between a first-generation ID and its keyword.</summary>
    private const string Gap = "，，，，，，，，，，，，，，，，，";

    /// <summary>Repeated units that never form an identifier however long the repetition.</summary>
    private static readonly string[] Fillers =
    [
        "a1", "1a", "Ab3", "z9y8", "a12", "x8986", "8986", "4111", "0", "9", "１", "ａ１", "x", // one long letter-digit or digit run
        "110105194912310021。", "138 0013 800，", "6225 8814 1420 7431 ", "39.90, 116.40 ", "39.908 ", "京hellos ", "+86+", "@a.", // near misses
        "P0A80 ", "2026.40.1 ", "2026-11-22T08:15:30Z ", "12.50,30.00 ", "E1234567 ", "京A1234 ", "８９８６", "１３８ ",
        "P174468(7) ", "B221690312 ", "M517086311 ", "ID 360198910283844 ", "身份证815727834224151，", "932682198501010018 ", Gap + "150102880730303" + Gap, // documents (the gaps keep an embedded keyword out of the numbers' window)
        "1\u200B", "a\u200B1", "\u200B", "１\u200D", "138\u200B0013\u200B800，", "8\u2060", // format characters between everything
    ];

    /// <summary>Identifiers with a boundary around them ('。' is no separator, no province and no ASCII).</summary>
    private static readonly (string Text, DetectorKind Kind, string Value)[] Embedded =
    [
        ("。11010519491231002X。", DetectorKind.ResidentId, "11010519491231002X"),
        ("。110105 19491231 002X。", DetectorKind.ResidentId, "110105 19491231 002X"),
        ("。4111111111111111。", DetectorKind.BankCard, "4111111111111111"),
        ("。13800138000。", DetectorKind.Mobile, "13800138000"),
        ("。１３８００１３８０００。", DetectorKind.Mobile, "１３８００１３８０００"),
        ("。京A12345。", DetectorKind.Plate, "京A12345"),
        ("。LSJA24U62JG269225。", DetectorKind.Vin, "LSJA24U62JG269225"),
        ("。89860012345678901234。", DetectorKind.Iccid, "89860012345678901234"),
        ("。39.90872,116.39748。", DetectorKind.Coordinates, "39.90872,116.39748"),
        ("。wang@example.cn。", DetectorKind.Email, "wang@example.cn"),
        ("。138\u200B0013\u200B8000。", DetectorKind.Mobile, "138\u200B0013\u200B8000"),
        ("。P174468(6)。", DetectorKind.HongKongId, "P174468(6)"),
        ("。B221690311。", DetectorKind.TaiwanId, "B221690311"),
        ("。身份证150102880730303。", DetectorKind.ResidentId, "150102880730303"),
    ];

    private static Gen<(string Text, DetectorKind Kind, string Value)> LongTexts { get; } =
        from filler in Gen.Elements(Fillers)
        from length in Gen.Choose(40_000, 120_000)
        from at in Gen.Choose(0, 1000)
        from embedded in Gen.Elements(Embedded)
        let run = Repeat(filler, length)
        let split = SplitAt(filler, run, at)
        select (run[..split] + embedded.Text + run[split..], embedded.Kind, embedded.Value);

    [Fact]
    public void Long_adversarial_runs_yield_exactly_the_embedded_identifier()
    {
        Prop.ForAll(LongTexts.ToArbitrary(), t =>
        {
            var match = Assert.Single(ValueDetectors.FindAll(t.Text));
            return match.Kind == t.Kind && match.Value == t.Value;
        }).Check(Runs);
    }

    [Fact]
    public void A_luhn_valid_card_inside_a_long_letter_digit_run_is_found()
    {
        // The reported worst case: no separator anywhere, the card bounded by letters inside one long token.
        var gen = from filler in Gen.Elements("a1", "1a", "Ab3", "z9y8", "a8986")
                  from length in Gen.Choose(40_000, 120_000)
                  from at in Gen.Choose(0, 1000)
                  let run = Repeat(filler, length)
                  let split = run.Length * at / 1000
                  select (text: run[..split] + "x4111111111111111x" + run[split..], filler);
        Prop.ForAll(gen.ToArbitrary(), t =>
        {
            var match = Assert.Single(ValueDetectors.FindAll(t.text));
            return match.Kind == DetectorKind.BankCard && match.Value == "4111111111111111";
        }).Check(Runs);
    }

    [Fact]
    public void Long_adversarial_fields_are_classified_by_their_one_identifier()
    {
        // The whole classifier: notes (personal, raised and rewritten), a general fault code and an unnamed field.
        var gen = from filler in Gen.Elements(Fillers)
                  from length in Gen.Choose(40_000, 120_000)
                  from field in Gen.Elements("notes", "diagnostics", "mystery", "name", "array")
                  from at in Gen.Choose(0, 1000)
                  let run = Repeat(filler, length)
                  let split = SplitAt(filler, run, at)
                  select (field, run, text: run[..split] + "。11010519491231002X。x4111111111111111x" + run[split..]);
        Prop.ForAll(gen.ToArbitrary(), t =>
        {
            var value = System.Text.Json.JsonSerializer.Serialize(t.text);
            var member = t.field switch
            {
                "diagnostics" => $"\"diagnostics\":{{\"dtc\":[{value}]}}",
                "name" => $"\"contacts\":{{{value}:1}}", // the run as a property name
                "array" => $"\"x\":{{{Relaxed(t.run)}:[{FirstGenerationCandidates}{Relaxed(t.text)}]}}", // the run naming an array of 15-digit candidates
                _ => $"\"{t.field}\":{value}",
            };
            var upload = Samples.Classify(Samples.Minimal(member));
            var all = string.Concat(upload.Fragments.Select(f => Encoding.UTF8.GetString(f.Json.Span)));
            return upload.Level == DataLevel.Sensitive
                && !all.Contains("11010519491231002X", StringComparison.Ordinal)
                && !all.Contains("4111111111111111", StringComparison.Ordinal)
                && all.Contains(PseudonymizationKey.Development.ComputeHex("11010519491231002X"u8), StringComparison.Ordinal);
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(10));
    }

    /// <summary>5,000 elements each a first-generation ID without a keyword: every one asks whether its array's name has one.</summary>
    private static readonly string FirstGenerationCandidates = string.Concat(Enumerable.Repeat("\"150102880730303\",", 5_000));

    /// <summary>A JSON string with non-ASCII text kept as UTF-8 (3 bytes for a full-width character, not 6), as devices send it.</summary>
    private static string Relaxed(string text) => System.Text.Json.JsonSerializer.Serialize(text, RelaxedOptions);

    private static readonly System.Text.Json.JsonSerializerOptions RelaxedOptions = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>A split point between two repetitions (a cut unit could itself form an identifier, which would spoil the oracle).</summary>
    private static int SplitAt(string unit, string run, int perMille) => run.Length / unit.Length * perMille / 1000 * unit.Length;

    private static string Repeat(string unit, int length)
    {
        var builder = new StringBuilder(length + unit.Length);
        while (builder.Length < length)
        {
            builder.Append(unit);
        }

        return builder.ToString();
    }
}
