using System.Globalization;
using System.Text;

namespace Residency.Cli.Simulation;

/// <summary>Synthetic but checksum-valid identifiers (VIN, resident ID, mobile, plate) for generated uploads.</summary>
internal static class ChineseIdentity
{
    private const string VinAlphabet = "ABCDEFGHJKLMNPRSTUVWXYZ0123456789";
    private static readonly string[] Manufacturers = ["LSJ", "LFV", "LGB", "LVS", "LSV", "LBV", "LRW"];
    private static readonly int[] VinWeights = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2];
    private static readonly string[] Surnames = ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周"];
    private static readonly string[] GivenNames = ["小明", "伟", "芳", "娜", "秀英", "敏", "静", "强", "磊", "洋", "艳", "勇"];
    private static readonly string[] Areas = ["110105", "110108", "310104", "310115", "440305", "440106", "330106", "510107"];
    private static readonly string[] PlateProvinces = ["京", "沪", "粤", "浙", "川"];
    private static readonly int[] IdWeights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

    /// <summary>A VIN with a correct ISO 3779 check digit in position 9.</summary>
    public static string Vin(Random random)
    {
        var chars = new char[17];
        Manufacturers[random.Next(Manufacturers.Length)].CopyTo(0, chars, 0, 3);
        for (var i = 3; i < 17; i++)
        {
            chars[i] = VinAlphabet[random.Next(VinAlphabet.Length)];
        }

        chars[9] = "RSTVWXY123456789"[random.Next(16)]; // model year
        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            sum += VinValue(chars[i]) * VinWeights[i];
        }

        var check = sum % 11;
        chars[8] = check == 10 ? 'X' : (char)('0' + check);
        return new string(chars);
    }

    /// <summary>A GB 11643 resident ID number with a real birth date and a correct MOD 11-2 check character.</summary>
    public static string ResidentId(Random random)
    {
        var birth = new DateTime(1960, 1, 1).AddDays(random.Next(0, 365 * 45));
        var body = Areas[random.Next(Areas.Length)] + birth.ToString("yyyyMMdd", CultureInfo.InvariantCulture) +
                   random.Next(0, 1000).ToString("D3", CultureInfo.InvariantCulture);
        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            sum += (body[i] - '0') * IdWeights[i];
        }

        return body + "10X98765432"[sum % 11];
    }

    /// <summary>A mainland mobile number (11 digits, 13x-19x).</summary>
    public static string Mobile(Random random) =>
        "1" + "3456789"[random.Next(7)] + random.Next(0, 1_000_000_000).ToString("D9", CultureInfo.InvariantCulture);

    /// <summary>A Chinese personal name.</summary>
    public static string Name(Random random) => Surnames[random.Next(Surnames.Length)] + GivenNames[random.Next(GivenNames.Length)];

    /// <summary>A licence plate, ordinary or new-energy.</summary>
    public static string Plate(Random random)
    {
        var plate = new StringBuilder(PlateProvinces[random.Next(PlateProvinces.Length)]).Append((char)('A' + random.Next(0, 8)));
        if (random.Next(2) == 0)
        {
            plate.Append('D').Append(random.Next(0, 100_000).ToString("D5", CultureInfo.InvariantCulture));
        }
        else
        {
            plate.Append(random.Next(10_000, 100_000).ToString(CultureInfo.InvariantCulture));
        }

        return plate.ToString();
    }

    private static int VinValue(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'A' and <= 'H' => c - 'A' + 1,
        >= 'J' and <= 'N' => c - 'J' + 1,
        'P' => 7,
        'R' => 9,
        >= 'S' and <= 'Z' => c - 'S' + 2,
        _ => 0,
    };
}
