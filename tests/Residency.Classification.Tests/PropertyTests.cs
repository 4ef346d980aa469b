using System.Text;
using System.Text.Json.Nodes;
using FsCheck;
using FsCheck.Fluent;
using Residency.Classification.Detectors;
using Xunit;

namespace Residency.Classification.Tests;

public class PropertyTests
{
    private const string VinAlphabet = "ABCDEFGHJKLMNPRSTUVWXYZ0123456789";

    // Context around an identifier: Chinese text, punctuation and spaces, never ASCII letters or digits (which would extend the token).
    private static readonly char[] ContextChars = "车主身份证号码是的联系电话，。：；（）【】、 \t备注京沪粤".ToCharArray();

    private static Gen<string> Context { get; } =
        Gen.Choose(0, 12).SelectMany(n => Gen.Elements(ContextChars).ArrayOf(n)).Select(chars => new string(chars));

    private static Gen<string> ResidentIds => IdentifierGenerators.ResidentIds;

    private static Gen<string> Vins { get; } =
        Gen.Elements(VinAlphabet.ToCharArray()).ArrayOf(17).Select(chars =>
        {
            chars[8] = VinCheckDigit(chars);
            return new string(chars);
        });

    [Fact]
    public void Generated_resident_ids_are_valid_and_found_wherever_they_are_placed()
    {
        Prop.ForAll(
            (from prefix in Context from id in ResidentIds from suffix in Context select (prefix, id, suffix)).ToArbitrary(),
            t =>
            {
                var match = Assert.Single(ValueDetectors.FindAll(t.prefix + t.id + t.suffix));
                return match.Kind == DetectorKind.ResidentId && match.Value == t.id && ValueDetectors.IsValidResidentId(t.id);
            }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Generated_vins_are_found_wherever_they_are_placed()
    {
        Prop.ForAll(
            (from prefix in Context from vin in Vins from suffix in Context select (prefix, vin, suffix)).ToArbitrary(),
            t => ValueDetectors.FindAll(t.prefix + t.vin + t.suffix).Any(m => m.Kind == DetectorKind.Vin && m.Value == t.vin))
            .QuickCheckThrowOnFailure();
    }

    [Fact]
    public void A_generated_id_number_in_any_free_text_field_raises_the_upload_and_never_leaves_raw()
    {
        var fields = Gen.Elements("notes", "firmware", "mystery", "signals.gear", "diagnostics.dtc");
        Prop.ForAll(
            (from field in fields from prefix in Context from id in ResidentIds from suffix in Context select (field, text: prefix + id + suffix, id)).ToArbitrary(),
            t =>
            {
                var json = JsonNode.Parse(Samples.Minimal())!.AsObject();
                var value = JsonValue.Create(t.text);
                switch (t.field)
                {
                    case "signals.gear": json["signals"] = new JsonObject { ["gear"] = value }; break;
                    case "diagnostics.dtc": json["diagnostics"] = new JsonObject { ["dtc"] = new JsonArray("P0A80", value) }; break;
                    default: json[t.field] = value; break;
                }

                var upload = Samples.Classify(json.ToJsonString());
                var all = string.Concat(upload.Fragments.Select(f => Encoding.UTF8.GetString(f.Json.Span)));
                return upload.Level >= DataLevel.Sensitive && !all.Contains(t.id, StringComparison.Ordinal);
            }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Adding_fields_never_lowers_the_level()
    {
        var values = Gen.OneOf(
            Gen.Choose(-1000, 1000).Select(i => (JsonNode?)JsonValue.Create(i)),
            Gen.Elements("ok", "D", "P0A80", "13800138000", "11010519491231002X", "京A12345", "备注").Select(s => (JsonNode?)JsonValue.Create(s)),
            Gen.Constant<JsonNode?>(null),
            Gen.Choose(0, 80).Select(i => (JsonNode?)new JsonObject { ["lat"] = 39.9 + (i / 1000.0), ["lon"] = 116.38 }));
        var names = Gen.Elements("extra", "speedKph2", "note", "x1", "label", "detail");
        var additions = (from parent in Gen.Elements("", "signals", "owner", "diagnostics", "newObject")
                         from name in names
                         from value in values
                         select (parent, name, value)).ListOf();
        var kinds = Gen.Elements(Samples.Kinds.ToArray());
        Prop.ForAll(
            (from kind in kinds from adds in additions select (kind, adds)).ToArbitrary(),
            t =>
            {
                var original = Encoding.UTF8.GetString(Samples.Read(t.kind + ".json"));
                var before = Samples.Classify(original).Level;
                var json = JsonNode.Parse(original)!.AsObject();
                var n = 0;
                foreach (var (parent, name, value) in t.adds)
                {
                    var target = parent.Length == 0 ? json : (json[parent] as JsonObject ?? (JsonObject)(json[parent] = new JsonObject()));
                    target[name + "_" + n++] = value?.DeepClone();
                }

                return Samples.Classify(json.ToJsonString()).Level >= before;
            }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Corrupted_uploads_are_classified_or_rejected_never_crash()
    {
        // Byte flips, truncations and insertions of JSON punctuation: the only failure allowed is UploadRejectedException.
        var samples = Samples.Kinds.Select(k => Samples.Read(k + ".json")).ToArray();
        var edits = (from position in Gen.Choose(0, 100_000)
                     from kind in Gen.Choose(0, 3)
                     from b in Gen.Elements((byte)'{', (byte)'}', (byte)'[', (byte)']', (byte)'"', (byte)',', (byte)':', (byte)'\\', (byte)'0', (byte)0xE4, (byte)0xFF, (byte)'n')
                     select (position, kind, b)).ListOf();
        Prop.ForAll(
            (from sample in Gen.Choose(0, samples.Length - 1) from changes in edits select (sample, changes)).ToArbitrary(),
            t =>
            {
                var bytes = new List<byte>(samples[t.sample]);
                foreach (var (position, kind, b) in t.changes)
                {
                    var at = position % (bytes.Count + 1);
                    switch (kind)
                    {
                        case 0 when at < bytes.Count: bytes[at] = b; break;
                        case 1: bytes.Insert(at, b); break;
                        case 2 when at < bytes.Count: bytes.RemoveAt(at); break;
                        default: bytes.RemoveRange(at, bytes.Count - at); break;
                    }
                }

                try
                {
                    Samples.Classifier.Classify(bytes.ToArray());
                }
                catch (UploadRejectedException ex)
                {
                    return ex.ReasonCode.Length > 0 && !ex.Message.Contains("LSJA24U62JG269225", StringComparison.Ordinal);
                }

                return true;
            }).Check(Config.QuickThrowOnFailure.WithMaxTest(300));
    }

    [Fact]
    public void Scan_prefilters_never_change_the_matches()
    {
        // Texts mixing identifiers, near misses and context; every subset of detectors: the prefilters only skip texts where nothing can match.
        var pieces = Gen.OneOf(
            ResidentIds,
            Vins,
            Gen.Elements("13800138000", "+86 139 1234 5678", "138-0013-8000", "0086 13912345678", "E12345678", "EA1234567", "G1234567",
                "354178036859789", "6222021234567890123", "4111111111111111", "89860012345678901234", "8986001234567890123A", "8986A1B2C3D4E5F6G7H8",
                "wang@example.cn", "a@b.cn", "京AD12345", "沪A1234学", "粤B·12345", "2026-01-10T09:00:00Z", "2026.40.1", "u-88213",
                "P174468(6)", "P1744686", "AB987654（3）", "B221690311", "932682198501010017", "150102880730303", "身份证", "ID ", "\u200B"),
            Gen.Choose(1, 20).SelectMany(n => Gen.Elements("0123456789".ToCharArray()).ArrayOf(n)).Select(c => new string(c)),
            Gen.Elements("E", "G", "X", "@", ".", "-", " ", "+", "86", "8986", "AB", "a1", "a12", "x", "1a2b", "39.908", ",116.397", "6225 ", "110105 "),
            Context);
        var letterDetectors = ValueDetectors.Bit(DetectorKind.Vin) | ValueDetectors.Bit(DetectorKind.Plate) | ValueDetectors.Bit(DetectorKind.Email);
        Prop.ForAll(
            (from parts in Gen.Choose(0, 4).SelectMany(n => pieces.ArrayOf(n))
             from enabled in Gen.OneOf(Gen.Choose(0, ValueDetectors.AllKinds), Gen.Choose(0, ValueDetectors.AllKinds).Select(e => e & ~letterDetectors), Gen.Choose(0, ValueDetectors.All.Count - 1).Select(k => 1 << k))
             select (text: string.Concat(parts), enabled)).ToArbitrary(),
            t =>
            {
                var utf8 = Encoding.UTF8.GetBytes(t.text);
                List<DetectorMatch> filtered = [], unfiltered = [];
                var context = new DetectorContext(DetectorContext.NoCaptureDate);
                ValueDetectors.ScanNormalized(utf8, t.enabled, filtered, context);
                ValueDetectors.ScanAll(utf8, t.enabled, unfiltered, context, skipIdleBytes: false);

                // Stopping at the first match of some kinds gives the full scan's matches up to and including that one.
                List<DetectorMatch> stopped = [];
                var stopKinds = t.enabled & 0x155;
                ValueDetectors.ScanNormalized(utf8, t.enabled, stopped, context, stopKinds);
                var firstStop = unfiltered.FindIndex(m => (stopKinds & ValueDetectors.Bit(m.Kind)) != 0);
                var emailMayTakeOver = (t.enabled & ValueDetectors.Bit(DetectorKind.Email)) != 0 && t.text.Contains('@', StringComparison.Ordinal);
                var expectedStopped = firstStop < 0 || emailMayTakeOver ? unfiltered : unfiltered.Take(firstStop + 1).ToList();
                return filtered.SequenceEqual(unfiltered) && stopped.SequenceEqual(expectedStopped);
            }).Check(Config.QuickThrowOnFailure.WithMaxTest(2000));
    }

    private static char VinCheckDigit(char[] vin)
    {
        int[] weights = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2];
        const string letters = "ABCDEFGHJKLMNPRSTUVWXYZ";
        int[] letterValues = [1, 2, 3, 4, 5, 6, 7, 8, 1, 2, 3, 4, 5, 7, 9, 2, 3, 4, 5, 6, 7, 8, 9];
        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            var value = char.IsAsciiDigit(vin[i]) ? vin[i] - '0' : letterValues[letters.IndexOf(vin[i], StringComparison.Ordinal)];
            sum += value * weights[i];
        }

        var check = sum % 11;
        return check == 10 ? 'X' : (char)('0' + check);
    }
}
