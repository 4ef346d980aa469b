using Residency.Classification.Detectors;
using Xunit;

namespace Residency.Classification.Tests;

public class DetectorTests
{
    [Theory]
    [InlineData("11010519491231002X", DetectorKind.ResidentId)]
    [InlineData("440524198001010013", DetectorKind.ResidentId)]
    [InlineData("11010519491231002x", DetectorKind.ResidentId)]
    [InlineData("13800138000", DetectorKind.Mobile)]
    [InlineData("+8613800138000", DetectorKind.Mobile)]
    [InlineData("+86 13800138000", DetectorKind.Mobile)]
    [InlineData("008613800138000", DetectorKind.Mobile)]
    [InlineData("8613800138000", DetectorKind.Mobile)]
    [InlineData("19212345678", DetectorKind.Mobile)]
    [InlineData("138 0013 8000", DetectorKind.Mobile)]
    [InlineData("138-0013-8000", DetectorKind.Mobile)]
    [InlineData("京A12345", DetectorKind.Plate)]
    [InlineData("粤B·D12345", DetectorKind.Plate)]
    [InlineData("沪AD12345", DetectorKind.Plate)]
    [InlineData("苏E12345F", DetectorKind.Plate)]
    [InlineData("京A1234学", DetectorKind.Plate)]
    [InlineData("LSJA24U62JG269225", DetectorKind.Vin)]
    [InlineData("LDC613P23A1305189", DetectorKind.Vin)]
    [InlineData("354178036859789", DetectorKind.Imei)]
    [InlineData("6225881414207430", DetectorKind.BankCard)]
    [InlineData("89860012345678901234", DetectorKind.Iccid)]
    [InlineData("898600D6991234567890", DetectorKind.Iccid)]
    [InlineData("E12345678", DetectorKind.Passport)]
    [InlineData("EA1234567", DetectorKind.Passport)]
    [InlineData("G12345678", DetectorKind.Passport)]
    [InlineData("wang.xm+car@example.com.cn", DetectorKind.Email)]
    public void Finds_valid_value_alone(string value, DetectorKind kind)
    {
        var matches = ValueDetectors.FindAll(value);
        var match = Assert.Single(matches);
        Assert.Equal(kind, match.Kind);
        Assert.Equal(value, match.Value);
    }

    [Theory]
    [InlineData("身份证号11010519491231002X。", "11010519491231002X", DetectorKind.ResidentId)]
    [InlineData("车主电话13800138000请联系", "13800138000", DetectorKind.Mobile)]
    [InlineData("车牌京A12345在停车场", "京A12345", DetectorKind.Plate)]
    [InlineData("新能源车牌粤BD12345已登记", "粤BD12345", DetectorKind.Plate)]
    [InlineData("车架号LSJA24U62JG269225，", "LSJA24U62JG269225", DetectorKind.Vin)]
    [InlineData("终端IMEI：354178036859789。", "354178036859789", DetectorKind.Imei)]
    [InlineData("银行卡6225881414207430扣款", "6225881414207430", DetectorKind.BankCard)]
    [InlineData("护照E12345678过期", "E12345678", DetectorKind.Passport)]
    [InlineData("邮箱wang@example.cn联系", "wang@example.cn", DetectorKind.Email)]
    [InlineData("卡号89860012345678901234的流量", "89860012345678901234", DetectorKind.Iccid)]
    public void Finds_value_inside_chinese_text(string text, string expected, DetectorKind kind)
    {
        var match = Assert.Single(ValueDetectors.FindAll(text));
        Assert.Equal(kind, match.Kind);
        Assert.Equal(expected, match.Value);
    }

    [Theory]
    [InlineData("110105194912310021")] // wrong check digit
    [InlineData("440524188701010015")] // born 1887: before 1900
    [InlineData("440524210001010012")] // born 2100: later than any date without an upload (2099-12-31)
    [InlineData("191010194912310020")] // 19 is no province code
    [InlineData("11010519491331002X")] // month 13 (check digit recomputed below would still fail on the date)
    [InlineData("LSJA24U63JG269225")] // wrong VIN check digit
    [InlineData("354178036859788")] // IMEI failing Luhn
    [InlineData("6225881414207431")] // card failing Luhn
    [InlineData("12800138000")] // 12x is not a mobile range
    [InlineData("138001380001")] // 12 digits: not a mobile number
    [InlineData("京I12345")] // I is never used on plates
    [InlineData("A12345")] // no province
    [InlineData("X12345678")] // not a passport series
    [InlineData("wang@localhost")] // no top-level domain
    [InlineData("2026-11-22T08:15:30.123Z")]
    [InlineData("P0A80")]
    [InlineData("u-88213")]
    public void Rejects_near_misses(string value)
    {
        Assert.Empty(ValueDetectors.FindAll(value));
    }

    [Fact]
    public void Resident_id_needs_a_real_date()
    {
        // 1949-02-30 does not exist; the check digit is made valid so only the date fails.
        var body = "11010519490230002";
        var id = body + CheckCharacter(body);
        Assert.False(ValueDetectors.IsValidResidentId(id));
        var valid = "11010519490228002";
        Assert.True(ValueDetectors.IsValidResidentId(valid + CheckCharacter(valid)));
    }

    [Fact]
    public void Digits_adjacent_to_a_match_prevent_it()
    {
        Assert.Empty(ValueDetectors.FindAll("911010519491231002X"));
        Assert.Empty(ValueDetectors.FindAll("LSJA24U62JG2692251"));
        Assert.Empty(ValueDetectors.FindAll("E123456789"));
    }

    [Fact]
    public void Finds_several_values_in_one_text()
    {
        var matches = ValueDetectors.FindAll("王小明 13800138000，wang@example.cn；京A12345");
        Assert.Equal([DetectorKind.Mobile, DetectorKind.Email, DetectorKind.Plate], matches.Select(m => m.Kind));
    }

    [Fact]
    public void Email_wins_over_a_phone_number_in_its_local_part()
    {
        var match = Assert.Single(ValueDetectors.FindAll("请发到13800138000@qq.com。"));
        Assert.Equal(DetectorKind.Email, match.Kind);
        Assert.Equal("13800138000@qq.com", match.Value);
    }

    internal static char CheckCharacter(string body17)
    {
        int[] weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
        var sum = body17.Select((c, i) => (c - '0') * weights[i]).Sum();
        return "10X98765432"[sum % 11];
    }
}
