using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Residency.Benchmarks;

/// <summary>
/// Generated uploads of about 1 MB (under the classifier's 1 MiB limit) built to hurt the detectors: long runs that every
/// detector starts on, near misses that get far before failing, and identifiers packed as densely as text allows.
/// </summary>
internal static class WorstCaseUploads
{
    /// <summary>The generated uploads by benchmark name.</summary>
    public static IReadOnlyList<string> Names { get; } = ["worst-alnum-card-1mb", "worst-dtc-runs-1mb", "worst-near-misses-1mb", "worst-dense-ids-1mb", "worst-names-1mb"];

    private const int TargetBytes = 1_000_000;

    public static byte[] Create(string name) => name switch
    {
        // The reported case: one letter-digit run with a Luhn-valid card that raises the notes, so every detector rescans it.
        "worst-alnum-card-1mb" => Upload("\"notes\":" + Json(Fill("a1", TargetBytes / 2) + "x4111111111111111x" + Fill("a1", TargetBytes / 2))),

        // A general field (every detector runs on it): digit runs, full-width runs and letter-digit runs.
        "worst-dtc-runs-1mb" => Upload("\"diagnostics\":{\"dtc\":[" + Json(Fill("8986", TargetBytes / 4)) + "," + Json(Fill("a1b2", TargetBytes / 4))
            + "," + Json(Fill("１", TargetBytes / 4)) + "," + Json(Fill("0", TargetBytes / 4)) + "]}"),

        // Near misses of every detector, each failing late (bad check digits, one digit short, prices, versions), plus one ID.
        "worst-near-misses-1mb" => Upload("\"notes\":" + Json("身份证11010519491231002X。" + Fill(
            "110105194912310021，138 0013 800，6225 8814 1420 7431，39.90, 116.40，京hellos，E1234567，８９８６００１２３４５６７８９０１２，LSJA24U63JG269225，wang@localhost，",
            TargetBytes - 200))),

        // Valid identifiers back to back, all different: every one is rewritten (ID numbers pseudonymized, phones and cards masked).
        "worst-dense-ids-1mb" => Upload("\"notes\":" + Json(DenseIdentifiers(TargetBytes - 200))),
        // Distinct ID numbers as property names, each with a zero-width space inside (read twice), as densely as dense-ids:
        // every name is scanned, rewritten to its pseudonym and its person counted.
        "worst-names-1mb" => Upload("\"contacts\":{" + IdentifyingNames(TargetBytes - 200) + "}"),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "Unknown worst case."),
    };

    /// <summary>Distinct valid ID numbers, mobile numbers and bank cards separated by '，', to about <paramref name="utf8Bytes"/> bytes.</summary>
    private static string DenseIdentifiers(int utf8Bytes)
    {
        var builder = new StringBuilder();
        var bytes = 0;
        for (var n = 0; bytes < utf8Bytes - 60; n++)
        {
            var id = FormattableString.Invariant($"110105{new DateTime(1950, 1, 1).AddDays(n / 1000):yyyyMMdd}{n % 1000:D3}");
            var card = FormattableString.Invariant($"622588{n:D9}");
            var entry = $"{id}{IdCheck(id)}，13{n % 1_000_000_000:D9}，{card}{LuhnCheck(card)}，";
            builder.Append(entry);
            bytes += Encoding.UTF8.GetByteCount(entry);
        }

        return builder.ToString();
    }

    /// <summary>Members <c>"110105 19500101 000X"</c> (a U+200B inside each ID) with a short Chinese note, to about <paramref name="utf8Bytes"/> bytes.</summary>
    private static string IdentifyingNames(int utf8Bytes)
    {
        var builder = new StringBuilder();
        var bytes = 0;
        for (var n = 0; bytes < utf8Bytes - 60; n++)
        {
            var id = FormattableString.Invariant($"110105{new DateTime(1950, 1, 1).AddDays(n / 1000):yyyyMMdd}{n % 1000:D3}");
            var entry = $"{(n == 0 ? "" : ",")}\"{id[..9]}\u200B{id[9..]}{IdCheck(id)}\":\"联系人{n % 100}\"";
            builder.Append(entry);
            bytes += Encoding.UTF8.GetByteCount(entry);
        }

        return builder.ToString();
    }

    private static char IdCheck(string body17)
    {
        int[] weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            sum += (body17[i] - '0') * weights[i];
        }

        return "10X98765432"[sum % 11];
    }

    private static char LuhnCheck(string body)
    {
        var sum = 0;
        for (var i = 0; i < body.Length; i++)
        {
            var d = body[body.Length - 1 - i] - '0';
            if (i % 2 == 0)
            {
                d = d * 2 > 9 ? (d * 2) - 9 : d * 2;
            }

            sum += d;
        }

        return (char)('0' + ((10 - (sum % 10)) % 10));
    }

    private static byte[] Upload(string members) => Encoding.UTF8.GetBytes(
        "{\"schema\":\"vehicle-upload/1\",\"messageId\":\"worst-case\",\"vin\":\"LSJA24U62JG269225\",\"capturedAt\":\"2026-11-22T08:15:30Z\",\"kind\":\"event\"," + members + "}");

    /// <summary>A JSON string with Chinese kept as UTF-8, as a device would send it.</summary>
    private static string Json(string text) => "\"" + JsonEncodedText.Encode(text, JavaScriptEncoder.UnsafeRelaxedJsonEscaping) + "\"";

    /// <summary>Repeats <paramref name="unit"/> to about <paramref name="utf8Bytes"/> bytes of UTF-8.</summary>
    private static string Fill(string unit, int utf8Bytes)
    {
        var unitBytes = Encoding.UTF8.GetByteCount(unit);
        var builder = new StringBuilder();
        for (var written = 0; written + unitBytes <= utf8Bytes; written += unitBytes)
        {
            builder.Append(unit);
        }

        return builder.ToString();
    }
}
