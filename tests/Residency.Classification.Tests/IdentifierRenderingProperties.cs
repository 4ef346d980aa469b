using System.Globalization;
using System.Text;
using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using Xunit;

namespace Residency.Classification.Tests;

/// <summary>
/// For any upload and any rendering of an identifier in it (JSON escapes, full-width, separators, case, a JSON number,
/// invisible format characters inserted anywhere, a property name at any depth), no fragment below the identifier's level
/// holds it in any form: each fragment's text is reduced the way a reader would reduce it (JSON unescaped, NFKC folding
/// full-width to ASCII, format characters, separators and brackets removed, upper-cased) before looking.
/// </summary>
public class IdentifierRenderingProperties
{
    private static readonly char[] ContextChars = "车主身份证号码是的联系电话，。：；（）【】、 备注京沪粤".ToCharArray();

    private static Gen<string> Context { get; } =
        Gen.Choose(0, 8).SelectMany(n => Gen.Elements(ContextChars).ArrayOf(n)).Select(chars => new string(chars));

    private sealed record Identifier(string Canonical, DataLevel Level, Func<int, string> Grouped, bool Digits);

    private static Gen<Identifier> Identifiers { get; } = Gen.OneOf(
        ResidentIds().Select(id => new Identifier(id, DataLevel.Sensitive, g => g == 0 ? $"{id[..6]} {id[6..14]} {id[14..]}" : $"{id[..6]}-{id[6..10]}-{id[10..14]}-{id[14..]}", !id.EndsWith('X'))),
        Cards().Select(c => new Identifier(c, DataLevel.Sensitive, g => string.Join(g == 0 ? " " : "-", c.Chunk(4).Select(x => new string(x))), true)),
        Gen.Choose(0, 99_999_999).Select(n => "E" + n.ToString("D8", CultureInfo.InvariantCulture)).Select(p => new Identifier(p, DataLevel.Sensitive, _ => p, false)),
        from second in Gen.Choose(3, 9) from rest in Gen.Choose(0, 999_999_999)
        let m = $"1{second}{rest:D9}"
        select new Identifier(m, DataLevel.Personal, g => g == 0 ? $"{m[..3]} {m[3..7]} {m[7..]}" : $"+86 {m[..3]}-{m[3..7]}-{m[7..]}", true),
        from province in Gen.Elements("京", "沪", "粤", "苏", "浙") from letter in Gen.Elements("ABCDEFGHJKLMNPQRSTUVWXYZ".ToCharArray()) from digits in Gen.Choose(0, 99_999)
        let p = $"{province}{letter}{digits:D5}"
        select new Identifier(p, DataLevel.Personal, g => g == 0 ? $"{p[..2]} {p[2..]}" : $"{p[..2]}·{p[2..]}", false),
        from lat in Gen.Choose(20_00000, 50_00000) from lon in Gen.Choose(80_00000, 130_00000)
        let pair = FormattableString.Invariant($"{lat / 100000.0:F5},{lon / 100000.0:F5}")
        select new Identifier(pair, DataLevel.Sensitive, g => g == 0 ? pair.Replace(",", ", ", StringComparison.Ordinal) : pair.Replace(",", " ", StringComparison.Ordinal), false),
        ForeignResidentIds().Select(id => new Identifier(id, DataLevel.Sensitive, g => g == 0 ? $"{id[..6]} {id[6..14]} {id[14..]}" : $"{id[..6]}-{id[6..14]}-{id[14..]}", !id.EndsWith('X'))),
        HongKongIds().Select(h => new Identifier(h, DataLevel.Sensitive, g => g == 0 ? $"{h[..^1]}({h[^1]})" : $"{h[..^1]}（{h[^1]}）", false)),
        TaiwanIds().Select(t => new Identifier(t, DataLevel.Sensitive, _ => t, false)));

    /// <summary>Invisible format characters (Cf) chat apps paste into numbers; one is outside the BMP.</summary>
    private static readonly string[] FormatChars = ["\u200B", "\u200C", "\u200D", "\u2060", "\uFEFF", "\u00AD", "\u200E", "\u2062", "\U000E0020"];

    /// <summary>cn-auto with a rule that keeps all of $.signals general: a name under it is scanned by every detector.</summary>
    private static UploadClassifier Classifier { get; } = new(ClassificationPolicy.Load(PolicyTests.Mutate(p => p["rules"]!.AsArray().Add(
        System.Text.Json.Nodes.JsonNode.Parse("""{ "id": "signals-all", "path": "$.signals", "level": "general", "category": "vehicle-state", "action": "keep", "reference": "test" }""")))),
        PseudonymizationKey.Development);

    private static Gen<(string Upload, Identifier Id, string Rendered)> Uploads { get; } =
        from id in Identifiers
        from grouped in Gen.Choose(-1, 1)
        from fullWidth in Gen.Elements(false, true)
        from lower in Gen.Elements(false, true)
        from escaped in Gen.Elements(false, true)
        from asNumber in Gen.Elements(false, true)
        from formats in Gen.Choose(0, 3).SelectMany(n => Gen.Zip(Gen.Elements(FormatChars), Gen.Choose(0, 1000)).ArrayOf(n))
        from field in Gen.Elements("notes", "firmware", "signals.gear", "diagnostics.dtc", "mystery", "extra.deep.text", "owner.name", "name:signals", "name:mystery")
        from path in Gen.Choose(0, 4).SelectMany(n => Gen.Elements(false, true).ArrayOf(n))
        from prefix in Context
        from suffix in Context
        let written = Insert(Render(id, grouped, fullWidth, lower), formats)
        let number = asNumber && id.Digits && field is "mystery" or "extra.deep.text"
        let value = number ? id.Canonical : JsonString(prefix + written + suffix, escaped)
        select (field.StartsWith("name:", StringComparison.Ordinal) ? PlaceAsName(field[5..], path, value) : Place(field, value), id, number ? id.Canonical : written);

    [Fact]
    public void No_fragment_below_an_identifiers_level_holds_it_in_any_form()
    {
        Prop.ForAll(Uploads.ToArbitrary(), t =>
        {
            var upload = Classifier.Classify(Encoding.UTF8.GetBytes(t.Upload));
            foreach (var fragment in upload.Fragments.Where(f => f.Level < t.Id.Level))
            {
                var reduced = Reduce(fragment.Json.Span);
                foreach (var part in t.Id.Canonical.Split(','))
                {
                    Assert.False(reduced.Contains(Fold(part), StringComparison.Ordinal), $"{DataLevels.ToName(fragment.Level)} fragment holds '{t.Rendered}' of upload {t.Upload}");
                }
            }

            return upload.Level >= t.Id.Level;
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(1000));
    }

    private static string Render(Identifier id, int grouped, bool fullWidth, bool lower)
    {
        var text = grouped < 0 ? id.Canonical : id.Grouped(grouped);
        if (lower)
        {
            text = text.ToLowerInvariant();
        }

        return fullWidth ? new string(text.Select(c => c is > ' ' and <= '~' ? (char)(c + 0xFEE0) : c == ' ' ? '\u3000' : c).ToArray()) : text;
    }

    /// <summary>Inserts each format character at a position between two characters (never inside a surrogate pair).</summary>
    private static string Insert(string text, (string Char, int PerMille)[] formats)
    {
        foreach (var (format, perMille) in formats)
        {
            var at = text.Length * perMille / 1000;
            if (at > 0 && at < text.Length && char.IsLowSurrogate(text[at]))
            {
                at--;
            }

            text = text.Insert(at, format);
        }

        return text;
    }

    /// <summary>The identifier as a property name, under objects and arrays (<paramref name="path"/>: true for an array) below
    /// <c>$.signals</c> (general) or <c>$.mystery</c> (personal, the fallback).</summary>
    private static string PlaceAsName(string container, bool[] path, string name)
    {
        var member = $"{{{name}:{{\"seen\":3,\"label\":\"x\"}}}}";
        for (var i = path.Length - 1; i >= 0; i--)
        {
            member = path[i] ? $"[{member}]" : $"{{\"k{i}\":{member}}}";
        }

        return Samples.Minimal($"\"{container}\":{{\"inner\":{member}}}");
    }

    private static string JsonString(string text, bool escapeEverything) =>
        escapeEverything ? "\"" + string.Concat(text.Select(c => $"\\u{(int)c:x4}")) + "\"" : JsonSerializer.Serialize(text);

    private static string Place(string field, string value) => Samples.Minimal(field switch
    {
        "signals.gear" => $"\"signals\":{{\"gear\":{value}}}",
        "diagnostics.dtc" => $"\"diagnostics\":{{\"dtc\":[\"P0A80\",{value}]}}",
        "extra.deep.text" => $"\"extra\":{{\"deep\":{{\"text\":{value}}}}}",
        "owner.name" => $"\"owner\":{{\"name\":{value}}}",
        _ => $"\"{field}\":{value}",
    });

    /// <summary>Every string, number and name of a fragment, reduced like <see cref="Fold"/>.</summary>
    private static string Reduce(ReadOnlySpan<byte> json)
    {
        var builder = new StringBuilder();
        var reader = new Utf8JsonReader(json);
        while (reader.Read())
        {
            if (reader.TokenType is JsonTokenType.String or JsonTokenType.PropertyName)
            {
                builder.Append(reader.GetString()).Append('|');
            }
            else if (reader.TokenType == JsonTokenType.Number)
            {
                builder.Append(Encoding.UTF8.GetString(reader.ValueSpan)).Append('|');
            }
        }

        return Fold(builder.ToString());
    }

    private static string Fold(string text) =>
        new(text.Normalize(NormalizationForm.FormKC)
            .Where(c => c is not (' ' or '-' or '·' or '・' or '\u3000' or '(' or ')') && CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.Format && !char.IsSurrogate(c))
            .Select(char.ToUpperInvariant).ToArray());

    private static Gen<string> ResidentIds() => IdentifierGenerators.ResidentIds;

    private static Gen<string> ForeignResidentIds() =>
        from province in Gen.Elements(11, 12, 31, 32, 44, 51, 65)
        from nationality in Gen.Choose(0, 999)
        from days in Gen.Choose(0, 45000)
        from sequence in Gen.Choose(0, 999)
        let body = string.Create(CultureInfo.InvariantCulture, $"9{province:D2}{nationality:D3}{new DateTime(1900, 1, 1).AddDays(days):yyyyMMdd}{sequence:D3}")
        select body + DetectorTests.CheckCharacter(body);

    private static Gen<string> HongKongIds() =>
        from letters in Gen.Elements("ABCDEGHKMPRVWXYZ".ToCharArray()).ArrayOf(2)
        from two in Gen.Elements(false, true)
        from digits in Gen.Choose(0, 999_999)
        let prefix = two ? new string(letters) : letters[0].ToString()
        let body = string.Create(CultureInfo.InvariantCulture, $"{prefix}{digits:D6}")
        select body + HongKongCheck(body);

    private static Gen<string> TaiwanIds() =>
        from letter in Gen.Elements("ABCDEFGHJKLMNPQRSTUVXYWZIO".ToCharArray())
        from sex in Gen.Elements('1', '2')
        from digits in Gen.Choose(0, 9_999_999)
        let body = string.Create(CultureInfo.InvariantCulture, $"{letter}{sex}{digits:D7}")
        select body + TaiwanCheck(body);

    private static char HongKongCheck(string body)
    {
        var letters = body.Length - 6;
        var sum = letters == 2 ? ((body[0] - 'A' + 10) * 9) + ((body[1] - 'A' + 10) * 8) : (36 * 9) + ((body[0] - 'A' + 10) * 8);
        for (var k = 0; k < 6; k++)
        {
            sum += (body[letters + k] - '0') * (7 - k);
        }

        var check = (11 - (sum % 11)) % 11;
        return check == 10 ? 'A' : (char)('0' + check);
    }

    private static char TaiwanCheck(string body)
    {
        var code = "ABCDEFGHJKLMNPQRSTUVXYWZIO".IndexOf(body[0], StringComparison.Ordinal) + 10;
        var sum = (code / 10) + (code % 10 * 9);
        for (var k = 1; k <= 8; k++)
        {
            sum += (body[k] - '0') * (9 - k);
        }

        return (char)('0' + ((10 - (sum % 10)) % 10));
    }

    private static Gen<string> Cards() =>
        from first in Gen.Choose(3, 6)
        from rest in Gen.Choose(0, int.MaxValue).ArrayOf(2)
        let body = FormattableString.Invariant($"{first}{(uint)rest[0] % 100_000_000:D8}{(uint)rest[1] % 1_000_000:D6}")
        select body + LuhnDigit(body);

    private static char LuhnDigit(string body)
    {
        var sum = 0;
        for (var i = 0; i < body.Length; i++)
        {
            var d = body[body.Length - 1 - i] - '0';
            if (i % 2 == 0)
            {
                d *= 2;
                d = d > 9 ? d - 9 : d;
            }

            sum += d;
        }

        return (char)('0' + ((10 - (sum % 10)) % 10));
    }
}
