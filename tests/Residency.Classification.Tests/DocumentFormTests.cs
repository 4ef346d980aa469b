using Residency.Classification.Detectors;
using Xunit;

namespace Residency.Classification.Tests;

/// <summary>The documents besides the 18-digit resident ID: the 2023 foreign permanent resident ID, residence permits, Hong Kong
/// and Taiwan ID numbers, and first-generation 15-digit IDs (only with a keyword near them). Vectors from Hutool's IdcardUtilTest.</summary>
public class DocumentFormTests
{
    [Theory]
    [InlineData("321083197812162119", DetectorKind.ResidentId, "321083197812162119")]
    [InlineData("150102198807303035", DetectorKind.ResidentId, "150102198807303035")]
    [InlineData("33010219200403064X", DetectorKind.ResidentId, "33010219200403064X")]
    [InlineData("33010219200403064x", DetectorKind.ResidentId, "33010219200403064X")]
    [InlineData("932682198501010017", DetectorKind.ResidentId, "932682198501010017")] // foreign permanent resident ID (2023)
    [InlineData("81000019980902013X", DetectorKind.ResidentId, "81000019980902013X")] // residence permits: Hong Kong,
    [InlineData("820000200009100032", DetectorKind.ResidentId, "820000200009100032")] // Macau,
    [InlineData("830000200209060065", DetectorKind.ResidentId, "830000200209060065")] // Taiwan residents
    [InlineData("P174468(6)", DetectorKind.HongKongId, "P1744686")]
    [InlineData("P174468（6）", DetectorKind.HongKongId, "P1744686")]
    [InlineData("P1744686", DetectorKind.HongKongId, "P1744686")]
    [InlineData("p174468(6)", DetectorKind.HongKongId, "P1744686")]
    [InlineData("AB987654(3)", DetectorKind.HongKongId, "AB9876543")]
    [InlineData("C123450(A)", DetectorKind.HongKongId, "C123450A")]
    [InlineData("C123450A", DetectorKind.HongKongId, "C123450A")]
    [InlineData("B221690311", DetectorKind.TaiwanId, "B221690311")]
    [InlineData("b221690311", DetectorKind.TaiwanId, "B221690311")]
    public void Finds_each_document(string written, DetectorKind kind, string canonical)
    {
        var match = Assert.Single(ValueDetectors.FindAll("证件：" + written + "。"));
        Assert.Equal(kind, match.Kind);
        Assert.Equal(written, match.Value);
        Assert.Equal(canonical, ValueDetectors.CanonicalForm(written));
    }

    [Theory]
    [InlineData("201511221897205960")] // 20 is no province code (Hutool: invalid birth date)
    [InlineData("3301022011022000D6")]
    [InlineData("321083200807112119")] // Hutool computes an age from it; its check character is wrong (1 would be right)
    [InlineData("912682198501010017")] // foreign: 12 is a province, but the check character is wrong
    [InlineData("902682198501010014")] // foreign: 02 is no province
    [InlineData("M517086311")] // Taiwan: the second digit must be 1 or 2
    [InlineData("B2216903112")] // 11 characters
    [InlineData("B221690312")] // wrong check digit
    [InlineData("P174468(7)")] // wrong check character
    [InlineData("P174468(6")] // unclosed bracket
    [InlineData("ABC174468(6)")] // three letters
    [InlineData("P17446(6)")] // five digits
    public void Rejects_near_misses(string text)
    {
        Assert.Empty(ValueDetectors.FindAll(text));
        Assert.Empty(ValueDetectors.FindAll("证件：" + text + "。"));
    }

    [Theory]
    [InlineData("身份证150102880730303")]
    [InlineData("身份证号码：150102880730303")]
    [InlineData("旧身份證 150102880730303")]
    [InlineData("ID: 150102880730303")]
    [InlineData("idNumber=150102880730303")]
    [InlineData("owner id_no 150102880730303")]
    [InlineData("sfzh 150102880730303")]
    [InlineData("identity card 150102880730303")]
    [InlineData("150102880730303（身份证）")]
    [InlineData("ＩＤ １５０１０２８８０７３０３０３")]
    [InlineData("身份证330102200403064")] // 1920-04-03
    [InlineData("身份证111111111111111")] // Hutool accepts it too: Beijing, 1911-11-11
    public void A_first_generation_id_counts_with_a_keyword_near_it(string text)
    {
        var match = Assert.Single(ValueDetectors.FindAll(text));
        Assert.Equal(DetectorKind.ResidentId, match.Kind);
        Assert.Equal(15, match.Value.Length);
    }

    [Theory]
    [InlineData("150102880730303")] // no keyword
    [InlineData("IMEI 150102880730303")]
    [InlineData("android 150102880730303")] // "id" inside a word
    [InlineData("idle 150102880730303")]
    [InlineData("身份证已于上周核验完毕，车机出厂序列号登记为150102880730303")] // the keyword is more than 16 characters away
    [InlineData("身份证360198910283844")] // Hutool: invalid birth date (1991-02-83)
    [InlineData("身份证815727834224151")] // 81 is no mainland province (first-generation IDs predate the permits)
    [InlineData("身份证1501028807303031")] // 16 digits
    public void A_fifteen_digit_number_without_a_keyword_or_a_valid_date_is_no_id(string text)
    {
        Assert.DoesNotContain(ValueDetectors.FindAll(text), m => m.Kind == DetectorKind.ResidentId);
    }

    [Fact]
    public void A_first_generation_id_joins_its_eighteen_digit_successor()
    {
        var upload = Samples.Classify(Samples.Minimal("\"notes\":\"旧身份证150102880730303，新身份证150102198807303035\""));
        var pseudonym = PseudonymizationKey.Development.ComputeHex("150102198807303035"u8);
        Assert.Equal($"旧身份证{pseudonym}，新身份证{pseudonym}", Samples.Fragment(upload, DataLevel.Sensitive).GetProperty("notes").GetString());
    }

    [Theory]
    [InlineData("holderIdNumber", true)]
    [InlineData("身份证号", true)]
    [InlineData("sfzh", true)]
    [InlineData("ownerIdCard", true)]
    [InlineData("deviceId", false)] // an IMEI's field: "Id" ending a name identifies something else
    [InlineData("userId", false)]
    [InlineData("imei", false)]
    [InlineData("deviceSerial", false)]
    public void The_property_name_is_a_keyword_too(string name, bool isId)
    {
        var upload = Samples.Classify(Samples.Minimal($"\"extra\":{{\"{name}\":\"150102880730303\",\"list\":[\"x\"]}},\"idNumbers\":[\"330102200403064\"]"));
        Assert.Equal("detect-resident-id", Assert.Single(upload.Fields, f => f.Path == "$.idNumbers[*]").RuleId);
        Assert.Equal(isId, Samples.FragmentText(upload, DataLevel.Sensitive).Contains("extra", StringComparison.Ordinal));
    }
}
