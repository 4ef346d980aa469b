namespace Residency.Classification.Detectors;

/// <summary>
/// The words that say a number is an ID number, for first-generation (15-digit) resident IDs, which carry no check character
/// and have the length of an IMEI: 身份证 (身份證, 身分證), 身份号码, 证件号 (證件號), and in ASCII, either case, <c>ID</c> as a
/// word or the start of one (<c>ID:</c>, <c>idNumber</c>, <c>id_no</c>), inside a camelCase name only with a number or card
/// after it (<c>ownerIdNumber</c>, <c>holderIdCard</c>; not <c>deviceId</c>, <c>userId</c>), never inside a word (<c>android</c>, <c>idle</c>),
/// <c>identity</c> and <c>sfz</c> (the pinyin initials of 身份证). As Microsoft Purview does for its China ID rule, a keyword
/// must be near the number: ending at most <see cref="WindowCharacters"/> characters before it or starting at most that many
/// after it, or in the property name of the value.
/// </summary>
internal static class IdKeywords
{
    /// <summary>How far from the number a keyword may be, in characters.</summary>
    public const int WindowCharacters = 16;

    private const int LongestKeywordBytes = 12;

    private static readonly byte[][] Chinese =
        ["身份证"u8.ToArray(), "身份證"u8.ToArray(), "身分證"u8.ToArray(), "身份号码"u8.ToArray(), "证件号"u8.ToArray(), "證件號"u8.ToArray()];

    /// <summary>True when a keyword appears anywhere in the text (a property name).</summary>
    public static bool AnyIn(ReadOnlySpan<byte> text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (KeywordAt(text, i) > 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True when a keyword ends in the window before <paramref name="start"/> or starts in the window after <paramref name="end"/>.</summary>
    public static bool Near(ReadOnlySpan<byte> text, int start, int end)
    {
        var windowStart = Back(text, start, WindowCharacters);
        for (var i = Math.Max(0, windowStart - LongestKeywordBytes + 1); i < start; i++)
        {
            var length = KeywordAt(text, i);
            if (length > 0 && i + length <= start && i + length >= windowStart)
            {
                return true;
            }
        }

        var windowEnd = Forward(text, end, WindowCharacters);
        for (var i = end; i < windowEnd; i++)
        {
            if (KeywordAt(text, i) > 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The byte length of the keyword starting at <paramref name="i"/>, or 0.</summary>
    private static int KeywordAt(ReadOnlySpan<byte> text, int i)
    {
        var b = text[i];
        if (b == 0xE8)
        {
            foreach (var keyword in Chinese)
            {
                if (text[i..].StartsWith(keyword))
                {
                    return keyword.Length;
                }
            }

            return 0;
        }

        if (!AsciiBytes.IsLetter(b))
        {
            return 0;
        }

        // A word starts here, or a capital starts a part of a camelCase name.
        var before = i > 0 ? text[i - 1] : (byte)' ';
        var camel = AsciiBytes.IsUpper(b) && AsciiBytes.IsLower(before);
        if (AsciiBytes.IsLetter(before) && !camel)
        {
            return 0;
        }

        var rest = text[i..];
        if (StartsWithIgnoreCase(rest, "identity"u8))
        {
            return 8;
        }

        if (StartsWithIgnoreCase(rest, "sfz"u8))
        {
            return 3;
        }

        if (!StartsWithIgnoreCase(rest, "id"u8) || (rest.Length > 2 && AsciiBytes.IsLower(rest[2])))
        {
            return 0;
        }

        // Inside a name, "Id" ends what identifies something else (deviceId, userId): only an ID number's own parts count.
        var after = rest[2..];
        return !camel || StartsWithIgnoreCase(after, "num"u8) || StartsWithIgnoreCase(after, "no"u8) || StartsWithIgnoreCase(after, "card"u8) ? 2 : 0;
    }

    private static bool StartsWithIgnoreCase(ReadOnlySpan<byte> text, ReadOnlySpan<byte> lowerWord)
    {
        if (text.Length < lowerWord.Length)
        {
            return false;
        }

        for (var k = 0; k < lowerWord.Length; k++)
        {
            if (AsciiBytes.ToLower(text[k]) != lowerWord[k])
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The offset <paramref name="characters"/> UTF-8 characters before <paramref name="i"/> (or 0).</summary>
    private static int Back(ReadOnlySpan<byte> text, int i, int characters)
    {
        while (i > 0 && characters > 0)
        {
            i--;
            if ((text[i] & 0xC0) != 0x80)
            {
                characters--;
            }
        }

        return i;
    }

    /// <summary>The offset <paramref name="characters"/> UTF-8 characters after <paramref name="i"/> (or the end).</summary>
    private static int Forward(ReadOnlySpan<byte> text, int i, int characters)
    {
        while (i < text.Length && characters > 0)
        {
            i++;
            while (i < text.Length && (text[i] & 0xC0) == 0x80)
            {
                i++;
            }

            characters--;
        }

        return i;
    }
}
