using System.Text;
using Residency.Classification.Detectors;
using Xunit;

namespace Residency.Classification.Tests;

/// <summary>Invisible format characters (Unicode category Cf) that chat apps paste into numbers, or that hide an identifier
/// from a naive scan, are ignored inside identifiers; where they stand between two identifiers they still separate them.</summary>
public class FormatCharacterTests
{
    [Theory]
    [InlineData("138\u200B0013\u200B8000", DetectorKind.Mobile, "13800138000")]
    [InlineData("1\u200C3\u200D8\u20600\u00AD0\uFEFF138000", DetectorKind.Mobile, "13800138000")]
    [InlineData("+86\u200E 138 0013 8000", DetectorKind.Mobile, "13800138000")]
    [InlineData("1101\u200B0519491231\u200B002X", DetectorKind.ResidentId, "11010519491231002X")]
    [InlineData("110105\u2060 19491231 002x", DetectorKind.ResidentId, "11010519491231002X")]
    [InlineData("6225\u200B8814\u200B1420\u200B7430", DetectorKind.BankCard, "6225881414207430")]
    [InlineData("E\u200B12345678", DetectorKind.Passport, "E12345678")]
    [InlineData("LSJA24U62\u2062JG269225", DetectorKind.Vin, "LSJA24U62JG269225")]
    [InlineData("京\u200BA\u200B12345", DetectorKind.Plate, "京A12345")]
    [InlineData("wang\u200B@exam\u200Dple.cn", DetectorKind.Email, "wang@example.cn")]
    [InlineData("35417803\U000E00206859789", DetectorKind.Imei, "354178036859789")] // 4 bytes, and a tag character
    public void Format_characters_inside_an_identifier_are_ignored(string written, DetectorKind kind, string canonical)
    {
        var match = Assert.Single(ValueDetectors.FindAll("备注：" + written + "。"));
        Assert.Equal(kind, match.Kind);
        Assert.Equal(canonical, ValueDetectors.CanonicalForm(written));
    }

    [Fact]
    public void Between_two_identifiers_a_format_character_still_separates_them()
    {
        var matches = ValueDetectors.FindAll("13800138000\u200B13900139000");
        Assert.Equal(["13800138000", "13900139000"], matches.Select(m => m.Value));

        // A digit glued on with one: both readings are taken, so the phone is found.
        Assert.Equal(DetectorKind.Mobile, Assert.Single(ValueDetectors.FindAll("7\u200B13800138000")).Kind);
    }

    [Fact]
    public void A_whole_value_with_format_characters_is_transformed_in_its_canonical_form()
    {
        var upload = Samples.Classify(Samples.Minimal(
            "\"owner\":{\"phone\":\"\u200B138\u200C0013\u200D8000\u2060\",\"idNumber\":\"\uFEFF1101051949\u200B1231002x\"}"));
        Assert.Equal("138****8000", Samples.Fragment(upload, DataLevel.Personal).GetProperty("owner").GetProperty("phone").GetString());
        Assert.Equal(PseudonymizationKey.Development.ComputeHex("11010519491231002X"u8),
            Samples.Fragment(upload, DataLevel.Sensitive).GetProperty("owner").GetProperty("idNumber").GetString());
    }

    [Fact]
    public void An_identifier_split_by_format_characters_never_stays_in_a_general_field()
    {
        var upload = Samples.Classify(Samples.Minimal("\"diagnostics\":{\"dtc\":[\"P0A80\",\"客户1101\\u200b0519491231002X请回电\"]}"));
        Assert.Equal(DataLevel.Sensitive, upload.Level);
        var general = Samples.FragmentText(upload, DataLevel.General);
        Assert.DoesNotContain("0519491231", general, StringComparison.Ordinal);
        var sensitive = Samples.Fragment(upload, DataLevel.Sensitive).GetProperty("diagnostics").GetProperty("dtc")[1].GetString();

        // The identifier, with the format character inside it, is replaced; the text around it stays as written.
        Assert.Equal("客户" + PseudonymizationKey.Development.ComputeHex("11010519491231002X"u8) + "请回电", sensitive);
        Assert.DoesNotContain("\u200B", Encoding.UTF8.GetString(upload.Fragments[^1].Json.Span), StringComparison.Ordinal);
    }

    [Fact]
    public void Format_characters_outside_identifiers_are_kept()
    {
        var upload = Samples.Classify(Samples.Minimal("\"notes\":\"身份证11010519491231002X\u200B，谢谢\u200D\""));
        var notes = Samples.Fragment(upload, DataLevel.Sensitive).GetProperty("notes").GetString();
        Assert.EndsWith("，谢谢\u200D", notes, StringComparison.Ordinal);
    }
}
