using System.Text;
using Xunit;

namespace Residency.Classification.Tests;

public class UploadRejectionTests
{
    [Theory]
    [InlineData("duplicate-key")]
    [InlineData("wrong-type")]
    [InlineData("missing-field")]
    [InlineData("unknown-schema")]
    [InlineData("invalid-message-id")]
    [InlineData("invalid-field")]
    [InlineData("invalid-json")]
    [InlineData("too-deep")]
    [InlineData("invalid-utf8")]
    public void Invalid_samples_are_rejected_with_their_reason(string reason)
    {
        var bytes = Samples.Read(Path.Combine("invalid", reason + ".json"));
        var ex = Assert.Throws<UploadRejectedException>(() => Samples.Classifier.Classify(bytes));
        Assert.Equal(reason, ex.ReasonCode);
        Assert.DoesNotContain("LSJA24U62JG269225", ex.Message);
    }

    [Theory]
    [InlineData("\"location\":{\"lat\":\"39.9\"}", "wrong-type", "$.location.lat")]
    [InlineData("\"trajectory\":{}", "wrong-type", "$.trajectory")]
    [InlineData("\"location\":{\"lat\":91,\"lon\":1}", "invalid-field", "$.location.lat")]
    [InlineData("\"kind\":\"party\"", "invalid-field", "$.kind")]
    [InlineData("\"trajectory\":[{\"t\":\"not a time\",\"lat\":1,\"lon\":2}]", "invalid-field", "$.trajectory[*].t")]
    [InlineData("\"owner\":{\"phone\":\"1\",\"\\u0070hone\":\"2\"}", "duplicate-key", "$.owner.phone")]
    public void Field_problems_name_the_path_and_never_the_value(string members, string reason, string path)
    {
        var ex = Assert.Throws<UploadRejectedException>(() => Samples.Classify(Samples.Minimal(members)));
        Assert.Equal(reason, ex.ReasonCode);
        Assert.Contains(path, ex.Message);
        Assert.DoesNotContain("39.9", ex.Message);
        Assert.DoesNotContain("party", ex.Message);
    }

    [Theory]
    [InlineData("{\"schema\":\"vehicle-upload/1\",\"messageId\":\"m-1\",\"vin\":\"LSJA24U62JG269225\",\"capturedAt\":\"2026-11-22T08:15:30\"}", "invalid-field")]
    [InlineData("{\"schema\":\"vehicle-upload/1\",\"messageId\":\"m-1\",\"vin\":\"LSJA24U62JG26922\",\"capturedAt\":\"2026-11-22T08:15:30Z\"}", "invalid-field")]
    [InlineData("{\"schema\":\"vehicle-upload/1\",\"messageId\":\"m-1\",\"vin\":null,\"capturedAt\":\"2026-11-22T08:15:30Z\"}", "wrong-type")]
    [InlineData("{\"schema\":\"vehicle-upload/1\",\"messageId\":\"\",\"vin\":\"LSJA24U62JG269225\",\"capturedAt\":\"2026-11-22T08:15:30Z\"}", "invalid-message-id")]
    [InlineData("{\"schema\":\"vehicle-upload/1\",\"messageId\":\"a/b\",\"vin\":\"LSJA24U62JG269225\",\"capturedAt\":\"2026-11-22T08:15:30Z\"}", "invalid-message-id")]
    [InlineData("{\"messageId\":\"m-1\",\"vin\":\"LSJA24U62JG269225\",\"capturedAt\":\"2026-11-22T08:15:30Z\"}", "missing-field")]
    [InlineData("{\"location\":{\"lat\":\"x\"},\"schema\":\"vehicle-upload/9\",\"messageId\":\"m-1\",\"vin\":\"LSJA24U62JG269225\",\"capturedAt\":\"2026-11-22T08:15:30Z\"}", "unknown-schema")]
    [InlineData("[1,2]", "invalid-json")]
    [InlineData("", "invalid-json")]
    [InlineData("{\"schema\":\"vehicle-upload/1\"} trailing", "invalid-json")]
    public void Envelope_problems_have_stable_reasons(string json, string reason)
    {
        var ex = Assert.Throws<UploadRejectedException>(() => Samples.Classify(json));
        Assert.Equal(reason, ex.ReasonCode);
    }

    [Fact]
    public void Message_id_of_65_characters_is_rejected()
    {
        var json = Samples.Minimal().Replace("0f8fad5b-d9cb-469f-a165-70867728950e", new string('a', 65), StringComparison.Ordinal);
        Assert.Equal("invalid-message-id", Assert.Throws<UploadRejectedException>(() => Samples.Classify(json)).ReasonCode);
    }

    [Fact]
    public void Payload_and_depth_limits_come_from_the_options()
    {
        var classifier = new UploadClassifier(ClassificationPolicy.Default, PseudonymizationKey.Development, new ClassifierOptions { MaxPayloadBytes = 100, MaxDepth = 3 });
        var bytes = Encoding.UTF8.GetBytes(Samples.Minimal());
        Assert.Equal("payload-too-large", Assert.Throws<UploadRejectedException>(() => classifier.Classify(bytes)).ReasonCode);

        classifier = new UploadClassifier(ClassificationPolicy.Default, PseudonymizationKey.Development, new ClassifierOptions { MaxDepth = 3 });
        Assert.NotNull(classifier.Classify(Encoding.UTF8.GetBytes(Samples.Minimal("\"a\":{\"b\":[1]}"))));
        var deep = Encoding.UTF8.GetBytes(Samples.Minimal("\"a\":{\"b\":[[1]]}"));
        Assert.Equal("too-deep", Assert.Throws<UploadRejectedException>(() => classifier.Classify(deep)).ReasonCode);
    }

    [Fact]
    public void Large_objects_still_detect_duplicates()
    {
        var members = string.Join(",", Enumerable.Range(0, 200).Select(i => $"\"k{i}\":{i}"));
        Assert.NotNull(Samples.Classify(Samples.Minimal($"\"bag\":{{{members}}}")));
        var ex = Assert.Throws<UploadRejectedException>(() => Samples.Classify(Samples.Minimal($"\"bag\":{{{members},\"k150\":1}}")));
        Assert.Equal("duplicate-key", ex.ReasonCode);
    }

    [Fact]
    public void A_utf8_bom_is_accepted()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(Samples.Minimal())).ToArray();
        Assert.Equal(DataLevel.Personal, Samples.Classifier.Classify(bytes).Level);
    }
}
