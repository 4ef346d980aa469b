using System.Globalization;
using FsCheck;
using FsCheck.Fluent;

namespace Residency.Classification.Tests;

/// <summary>Generators of valid identifiers shared by the property tests.</summary>
internal static class IdentifierGenerators
{
    /// <summary>The province codes an 18-digit resident ID may open with (GB/T 2260, with 71, 81, 82, 83).</summary>
    public static int[] ResidentProvinces { get; } =
        [11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82, 83];

    /// <summary>A resident ID number with a province code, a birth date from 1900-01-01 to 2023 and a correct check character.</summary>
    public static Gen<string> ResidentIds { get; } =
        from province in Gen.Elements(ResidentProvinces)
        from area in Gen.Choose(0, 9999)
        from days in Gen.Choose(0, 45000)
        from sequence in Gen.Choose(0, 999)
        let birth = new DateTime(1900, 1, 1).AddDays(days)
        let body = string.Create(CultureInfo.InvariantCulture, $"{province:D2}{area:D4}{birth:yyyyMMdd}{sequence:D3}")
        select body + DetectorTests.CheckCharacter(body);
}
