using System.Runtime.CompilerServices;

namespace Residency.Classification.Detectors;

/// <summary>What the detectors know beyond the text itself: the latest birth date an ID number may carry, as yyyymmdd (the
/// upload's capture date, so the answer is the same on every host and never depends on the clock), and the property name of
/// the value, whose ID keywords (<see cref="IdKeywords"/>) make a first-generation ID count.</summary>
internal readonly ref struct DetectorContext
{
    /// <summary>The bound used when there is no upload to take a capture date from (<see cref="ValueDetectors.FindAll(string)"/>).</summary>
    public const int NoCaptureDate = 20991231;

    /// <summary>Only the start of a property name is searched for a keyword, so a long name costs a constant per value.</summary>
    private const int NameBytesSearched = 64;

    private readonly ReadOnlySpan<byte> _fieldName;

    // Whether the name holds a keyword, found out on first need (most texts hold no first-generation ID): 0 unknown, 1 no, 2 yes.
    private readonly ref int _nameKeyword;

    public DetectorContext(int latestBirthDate)
    {
        LatestBirthDate = latestBirthDate;
        _nameKeyword = ref Unsafe.NullRef<int>();
    }

    /// <summary>A context whose <paramref name="nameKeyword"/> (0 when unknown) caches the keyword search of <paramref name="fieldName"/>.</summary>
    public DetectorContext(int latestBirthDate, ReadOnlySpan<byte> fieldName, ref int nameKeyword)
    {
        LatestBirthDate = latestBirthDate;
        _fieldName = fieldName;
        _nameKeyword = ref nameKeyword;
    }

    /// <summary>The latest accepted birth date, yyyymmdd.</summary>
    public int LatestBirthDate { get; }

    /// <summary>The capture date of an upload in China Standard Time (UTC+8, no daylight saving), as yyyymmdd.</summary>
    public static int DateOf(DateTimeOffset capturedAt)
    {
        var china = capturedAt.ToOffset(TimeSpan.FromHours(8));
        return (china.Year * 10000) + (china.Month * 100) + china.Day;
    }

    /// <summary>True when the value's property name holds an ID keyword (<c>idNumber</c>, <c>身份证号</c>).</summary>
    public bool NameHasKeyword()
    {
        if (Unsafe.IsNullRef(ref _nameKeyword))
        {
            return false;
        }

        if (_nameKeyword == 0)
        {
            _nameKeyword = IdKeywords.AnyIn(_fieldName[..Math.Min(_fieldName.Length, NameBytesSearched)]) ? 2 : 1;
        }

        return _nameKeyword == 2;
    }
}
