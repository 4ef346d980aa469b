namespace Residency.Classification.Detectors;

/// <summary>
/// The province-level codes (GB/T 2260) that open a resident ID number: the 31 mainland provinces, and for 18-digit numbers also
/// 71 (Taiwan), 81 (Hong Kong), 82 (Macau) and 83 (the residence permits of Taiwan residents). A number opening with anything else
/// was never issued, so a fault code or serial number with a lucky check character is not read as an ID number.
/// </summary>
internal static class AreaCodes
{
    /// <summary>True when the two ASCII digits are a mainland province code (11-15, 21-23, 31-37, 41-46, 50-54, 61-65).</summary>
    public static bool IsMainlandProvince(byte tens, byte units)
    {
        var unit = units - '0';
        return (tens - '0') switch
        {
            1 => unit is >= 1 and <= 5,
            2 => unit is >= 1 and <= 3,
            3 => unit is >= 1 and <= 7,
            4 => unit is >= 1 and <= 6,
            5 => unit is >= 0 and <= 4,
            6 => unit is >= 1 and <= 5,
            _ => false,
        };
    }

    /// <summary>True when the two ASCII digits may open an 18-digit resident ID (mainland, 71, 81, 82, 83).</summary>
    public static bool IsResidentProvince(byte tens, byte units) =>
        IsMainlandProvince(tens, units) || (tens == '7' && units == '1') || (tens == '8' && units is (byte)'1' or (byte)'2' or (byte)'3');
}
