using System.Globalization;
using System.Text;
using Residency.Classification;
using Residency.Cli.Simulation;

namespace Residency.Benchmarks;

/// <summary>
/// How often the document detectors fire where no document is: on the simulated fleet (every kind, the CLI's generator), whose
/// scanned texts hold names, plates, station ids and fault codes but no ID numbers, every identity-document tag is a false
/// positive; and on generated IMEIs (15 digits, as first-generation IDs), bare, beside other text, in a field named deviceId
/// and after the word "ID". <c>dotnet run -c Release --project tests/Residency.Benchmarks -- --false-positives [uploads]</c>.
/// </summary>
internal static class FleetFalsePositives
{
    private static readonly string[] DocumentRules = ["detect-resident-id", "detect-hk-id", "detect-tw-id", "detect-passport"];

    public static void Run(TextWriter output, int uploads)
    {
        var classifier = new UploadClassifier(ClassificationPolicy.Default, PseudonymizationKey.Development);
        var fleet = new FleetGenerator(new FleetOptions
        {
            Vehicles = 200, MalformedShare = 0, GzipShare = 0, Seed = 17, Start = new DateTimeOffset(2026, 11, 22, 0, 0, 0, TimeSpan.Zero),
        });
        var flagged = new Dictionary<string, int>(StringComparer.Ordinal);
        var scannedFields = 0L;
        foreach (var simulated in fleet.Take(uploads))
        {
            var upload = classifier.Classify(simulated.Body);
            foreach (var field in upload.Fields)
            {
                scannedFields += field.Count;
                if (DocumentRules.Contains(field.RuleId) && field.Path != "$.owner.idNumber")
                {
                    flagged[field.RuleId] = flagged.GetValueOrDefault(field.RuleId) + field.Count;
                }
            }
        }

        output.WriteLine($"fleet: {uploads:N0} uploads, {scannedFields:N0} values; identity-document tags outside $.owner.idNumber: "
            + (flagged.Count == 0 ? "none" : string.Join(", ", flagged.Select(f => $"{f.Key} {f.Value}"))));

        // IMEIs: 8-digit type allocation code (reporting bodies 35 and 86 cover most handsets sold in China), 6-digit serial, Luhn digit.
        var random = new Random(17);
        foreach (var body in new[] { "35", "86" })
        {
            const int Count = 100_000;
            int shaped = 0, bare = 0, inText = 0, keywordName = 0, besideId = 0;
            for (var i = 0; i < Count; i++)
            {
                var imei = Imei(body, random);
                shaped += LooksLikeFirstGenerationId(imei) ? 1 : 0;
                bare += IsId(classifier, $"\"diagnostics\":{{\"dtc\":[\"{imei}\"]}}") ? 1 : 0;
                inText += IsId(classifier, $"\"notes\":\"车机IMEI {imei} 已绑定\"") ? 1 : 0;
                keywordName += IsId(classifier, $"\"devices\":{{\"deviceId\":\"{imei}\"}}") ? 1 : 0;
                besideId += IsId(classifier, $"\"notes\":\"device ID {imei}\"") ? 1 : 0;
            }

            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"IMEIs {body}xxxxxx: {Count:N0}; shaped like a first-generation ID (province + date) {shaped:N0} ({100.0 * shaped / Count:F2}%); "
                + $"read as ID: bare fault code {bare}, in text beside \"IMEI\" {inText}, under the name deviceId {keywordName}, "
                + $"after the word ID (\"device ID ...\", the rule's known weakness) {besideId} ({100.0 * besideId / Count:F2}%)"));
        }
    }

    private static bool IsId(UploadClassifier classifier, string members) =>
        classifier.Classify(Encoding.UTF8.GetBytes(
            "{\"schema\":\"vehicle-upload/1\",\"messageId\":\"fp\",\"vin\":\"LSJA24U62JG269225\",\"capturedAt\":\"2026-11-22T08:15:30Z\"," + members + "}"))
            .Fields.Any(f => f.RuleId == "detect-resident-id");

    /// <summary>What the 15-digit rule checks besides the keyword: a mainland province code and a date 19YYMMDD.</summary>
    private static bool LooksLikeFirstGenerationId(string digits) =>
        Residency.Classification.Detectors.ValueDetectors.FindAll("身份证" + digits).Any(m => m.Kind == Residency.Classification.Detectors.DetectorKind.ResidentId);

    private static string Imei(string body, Random random)
    {
        var digits = body + random.Next(0, 1_000_000).ToString("D6", CultureInfo.InvariantCulture) + random.Next(0, 1_000_000).ToString("D6", CultureInfo.InvariantCulture);
        var sum = 0;
        for (var i = 0; i < 14; i++)
        {
            var d = digits[13 - i] - '0';
            sum += i % 2 == 0 ? (d * 2 > 9 ? (d * 2) - 9 : d * 2) : d;
        }

        return digits + (char)('0' + ((10 - (sum % 10)) % 10));
    }
}
