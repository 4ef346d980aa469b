namespace Residency.Development.Frames;

/// <summary>Random valid plate numbers of each kind (no I or O, as on real plates).</summary>
public static class PlateNumbers
{
    private const string Provinces = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼";
    private const string Letters = "ABCDEFGHJKLMNPQRSTUVWXYZ";
    private const string Digits = "0123456789";

    /// <summary>The plate's characters without the separator dot, e.g. <c>京A12345</c>; the dot is drawn after the second.</summary>
    public static string Next(PlateKind kind, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var head = $"{Pick(Provinces, random)}{Pick(Letters, random)}";
        return kind switch
        {
            PlateKind.NewEnergySmall => head + Pick("DF", random) + Pick(Letters + Digits, random) + Many(Digits, 4, random),
            PlateKind.NewEnergyLarge => head + Many(Digits, 5, random) + Pick("DF", random),
            PlateKind.Trailer => head + Serial(4, random) + "挂",
            PlateKind.Learner => head + Serial(4, random) + "学",
            PlateKind.Police => head + Many(Digits, 4, random) + "警",
            _ => head + Serial(5, random),
        };
    }

    // Mostly digits with up to two letters, as issued.
    private static string Serial(int length, Random random)
    {
        var chars = Many(Digits, length, random).ToCharArray();
        for (var i = random.Next(3); i > 0; i--)
        {
            chars[random.Next(length)] = Pick(Letters, random);
        }

        return new string(chars);
    }

    private static string Many(string from, int count, Random random) =>
        string.Concat(Enumerable.Range(0, count).Select(_ => Pick(from, random)));

    private static char Pick(string from, Random random) => from[random.Next(from.Length)];
}
