using System.Text;
using System.Text.Json;
using Residency.Classification.Detectors;
using Xunit;

namespace Residency.Classification.Tests;

/// <summary>Identifiers written the way people type them (full-width, grouped, lower case) are found and give one pseudonym;
/// ordinary numbers that look similar (timestamps, prices, odometer readings, fault codes, versions) are not.</summary>
public class IdentifierFormTests
{
    [Theory]
    [InlineData("１３８００１３８０００", DetectorKind.Mobile, "13800138000")]
    [InlineData("＋８６ １３８ ００１３ ８０００", DetectorKind.Mobile, "13800138000")]
    [InlineData("+86 138-0013-8000", DetectorKind.Mobile, "13800138000")]
    [InlineData("0086 138 0013 8000", DetectorKind.Mobile, "13800138000")]
    [InlineData("１１０１０５１９４９１２３１００２ｘ", DetectorKind.ResidentId, "11010519491231002X")]
    [InlineData("110105 19491231 002x", DetectorKind.ResidentId, "11010519491231002X")]
    [InlineData("110105 1949 1231 002X", DetectorKind.ResidentId, "11010519491231002X")]
    [InlineData("110105-19491231-002X", DetectorKind.ResidentId, "11010519491231002X")]
    [InlineData("１１０１０５　１９４９１２３１　００２Ｘ", DetectorKind.ResidentId, "11010519491231002X")]
    [InlineData("6225 8814 1420 7430", DetectorKind.BankCard, "6225881414207430")]
    [InlineData("6225-8814-1420-7430", DetectorKind.BankCard, "6225881414207430")]
    [InlineData("６２２５ ８８１４ １４２０ ７４３０", DetectorKind.BankCard, "6225881414207430")]
    [InlineData("京A 12345", DetectorKind.Plate, "京A12345")]
    [InlineData("京 A12345", DetectorKind.Plate, "京A12345")]
    [InlineData("京A・12345", DetectorKind.Plate, "京A12345")]
    [InlineData("京A-12345", DetectorKind.Plate, "京A12345")]
    [InlineData("京ａ１２３４５", DetectorKind.Plate, "京A12345")]
    [InlineData("粤b·d12345", DetectorKind.Plate, "粤BD12345")]
    [InlineData("ＬＳＪＡ２４Ｕ６２ＪＧ２６９２２５", DetectorKind.Vin, "LSJA24U62JG269225")]
    [InlineData("lsja24u62jg269225", DetectorKind.Vin, "LSJA24U62JG269225")]
    [InlineData("３５４１７８０３６８５９７８９", DetectorKind.Imei, "354178036859789")]
    [InlineData("８９８６００１２３４５６７８９０１２３４", DetectorKind.Iccid, "89860012345678901234")]
    [InlineData("Ｅ１２３４５６７８", DetectorKind.Passport, "E12345678")]
    [InlineData("e12345678", DetectorKind.Passport, "E12345678")]
    [InlineData("ｗａｎｇ＠ｅｘａｍｐｌｅ．ｃｎ", DetectorKind.Email, "wang@example.cn")]
    [InlineData("Wang@Example.CN", DetectorKind.Email, "wang@example.cn")]
    [InlineData("39.90872,116.39748", DetectorKind.Coordinates, "39.90872,116.39748")]
    [InlineData("39.90872, 116.39748", DetectorKind.Coordinates, "39.90872,116.39748")]
    [InlineData("116.39748，39.90872", DetectorKind.Coordinates, "116.39748,39.90872")]
    [InlineData("39.908 116.397", DetectorKind.Coordinates, "39.908,116.397")]
    [InlineData("３９．９０８７２，１１６．３９７４８", DetectorKind.Coordinates, "39.90872,116.39748")]
    public void Every_written_form_is_found_and_reduced_to_one_canonical_form(string written, DetectorKind kind, string canonical)
    {
        var match = Assert.Single(ValueDetectors.FindAll(written));
        Assert.Equal(kind, match.Kind);
        Assert.Equal(written, match.Value);
        Assert.Equal(canonical, ValueDetectors.CanonicalForm(written));

        // Inside Chinese text, too.
        var inText = Assert.Single(ValueDetectors.FindAll("备注：" + written + "。请核对"));
        Assert.Equal(written, inText.Value);
    }

    [Theory]
    [InlineData("2026-11-22T08:15:30.123Z")] // timestamps
    [InlineData("2026 11 22 08 15 30")]
    [InlineData("２０２６－１１－２２ ０８：１５")]
    [InlineData("1763799330123")] // epoch milliseconds
    [InlineData("1763799330")]
    [InlineData("¥12.50")] // prices
    [InlineData("12.50,30.00")]
    [InlineData("39.90, 116.40")] // two decimals: a price pair, not a position
    [InlineData("39.9,116.4")]
    [InlineData("18234.6 km")] // odometer readings
    [InlineData("118234.567")]
    [InlineData("18234.567,18234.567")]
    [InlineData("P0A80")] // fault codes
    [InlineData("P0A80 U0100 P0A7F")]
    [InlineData("2026.40.1")] // versions
    [InlineData("1.234.567,116.397")]
    [InlineData("48.8566,2.3522")] // positions outside China
    [InlineData("40.712,-74.006")]
    [InlineData("6225 8814 1420 7431")] // grouped near misses: Luhn, check character, length, mixed separators
    [InlineData("110105 19491231 0021")]
    [InlineData("138 0013 800")]
    [InlineData("138 0013-8000")]
    [InlineData("6225 8814 1420 7430 1234 5")]
    [InlineData("1234 5678 9012")]
    [InlineData("京hellos")] // a province character before an English word
    [InlineData("北京 Apples")]
    [InlineData("１２８００１３８０００")] // full-width near miss (12x is no mobile range)
    public void Ordinary_look_alikes_are_not_identifiers(string text)
    {
        Assert.Empty(ValueDetectors.FindAll(text));
        Assert.Empty(ValueDetectors.FindAll("记录" + text + "。"));
    }

    [Theory]
    [InlineData("11010519491231002x")]
    [InlineData("１１０１０５１９４９１２３１００２Ｘ")]
    [InlineData("110105 19491231 002X")]
    [InlineData("\\u0031\\u0031010519491231002x")]
    public void An_id_number_gives_one_pseudonym_in_every_form(string written)
    {
        var expected = PseudonymizationKey.Development.ComputeHex("11010519491231002X"u8);
        var upload = Samples.Classify(Samples.Minimal($"\"owner\":{{\"idNumber\":\"{written}\"}},\"notes\":\"身份证{written}请回电\""));
        var sensitive = Samples.Fragment(upload, DataLevel.Sensitive);
        Assert.Equal(expected, sensitive.GetProperty("owner").GetProperty("idNumber").GetString());
        Assert.Equal("身份证" + expected + "请回电", sensitive.GetProperty("notes").GetString());
    }

    [Theory]
    [InlineData("13800138000")]
    [InlineData("+86 138 0013 8000")]
    [InlineData("１３８－００１３－８０００")]
    public void A_phone_number_is_masked_alike_in_every_form(string written)
    {
        var upload = Samples.Classify(Samples.Minimal($"\"owner\":{{\"phone\":\"{written}\"}}"));
        Assert.Equal("138****8000", Samples.Fragment(upload, DataLevel.Personal).GetProperty("owner").GetProperty("phone").GetString());
    }

    [Fact]
    public void Identifier_shaped_numbers_in_unnamed_fields_are_scanned_like_strings()
    {
        var upload = Samples.Classify(Samples.Minimal("\"payment\":{\"card\":6225881414207430,\"holderId\":440524198001010013}"));
        Assert.Equal(DataLevel.Sensitive, upload.Level);
        Assert.Equal("detect-bank-card", Assert.Single(upload.Fields, f => f.Path == "$.payment.card").RuleId);
        Assert.Equal("detect-resident-id", Assert.Single(upload.Fields, f => f.Path == "$.payment.holderId").RuleId);
        var payment = Samples.Fragment(upload, DataLevel.Sensitive).GetProperty("payment");
        Assert.Equal("************7430", payment.GetProperty("card").GetString());
        Assert.Equal(PseudonymizationKey.Development.ComputeHex("440524198001010013"u8), payment.GetProperty("holderId").GetString());
        var all = string.Concat(upload.Fragments.Select(f => Encoding.UTF8.GetString(f.Json.Span)));
        Assert.DoesNotContain("6225881414207430", all, StringComparison.Ordinal);
        Assert.DoesNotContain("440524198001010013", all, StringComparison.Ordinal);
    }

    [Fact]
    public void Ordinary_numbers_stay_numbers_at_their_level()
    {
        var upload = Samples.Classify(Samples.Minimal(
            "\"extra\":{\"odometerM\":18234567,\"epochMs\":1763799330123,\"price\":129.5,\"serial\":12345678901234567,\"negative\":-13800138000,\"exp\":1.3800138e10}," +
            "\"signals\":{\"odometerKm\":6225881414207430}"));
        Assert.Equal(DataLevel.Personal, upload.Level);
        var extra = Samples.Fragment(upload, DataLevel.Personal).GetProperty("extra");
        Assert.All(extra.EnumerateObject(), p => Assert.Equal(JsonValueKind.Number, p.Value.ValueKind));

        // A field a rule names is classified by its rule, not scanned (signals are general vehicle state).
        Assert.Equal(6225881414207430, Samples.Fragment(upload, DataLevel.General).GetProperty("signals").GetProperty("odometerKm").GetInt64());
    }

    [Fact]
    public void A_position_written_in_free_text_raises_it_to_sensitive()
    {
        var upload = Samples.Classify(Samples.Minimal("\"notes\":\"车停在39.90872,116.39748附近\",\"memo\":\"价格12.50,30.00，里程18234.6\""));
        Assert.Equal("unnamed-position", Assert.Single(upload.Fields, f => f.Path == "$.notes").RuleId);
        Assert.Equal("车停在39.90872,116.39748附近", Samples.Fragment(upload, DataLevel.Sensitive).GetProperty("notes").GetString());
        Assert.DoesNotContain("116.39748", Samples.FragmentText(upload, DataLevel.Personal), StringComparison.Ordinal);
        Assert.Equal("unnamed-field", Assert.Single(upload.Fields, f => f.Path == "$.memo").RuleId);
    }

    [Fact]
    public void A_coordinates_rule_that_generalizes_snaps_positions_in_text_to_its_grid()
    {
        var policy = ClassificationPolicy.Load(PolicyTests.Mutate(p =>
            p["rules"]!.AsArray().First(r => (string?)r!["detector"] == "coordinates")!["action"] = System.Text.Json.Nodes.JsonNode.Parse("""{ "type": "generalize", "grid": 0.01 }""")));
        var upload = new UploadClassifier(policy, PseudonymizationKey.Development).Classify(Encoding.UTF8.GetBytes(Samples.Minimal("\"notes\":\"在 116.39748, 39.90872 附近\"")));
        Assert.Equal("在 116.4,39.91 附近", Samples.Fragment(upload, DataLevel.Sensitive).GetProperty("notes").GetString());
    }
}
