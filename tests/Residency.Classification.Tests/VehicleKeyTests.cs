using System.Text;
using System.Text.Json.Nodes;
using FsCheck;
using FsCheck.Fluent;
using Xunit;

namespace Residency.Classification.Tests;

/// <summary><see cref="PseudonymizationKey.VehicleKey(string)"/> is the classifier's own vehicle key (used by <c>residency vehicle</c>).</summary>
public class VehicleKeyTests
{
    private const string VinAlphabet = "ABCDEFGHJKLMNPRSTUVWXYZ0123456789abcdefghjklmnprstuvwxyz";

    [Theory]
    [InlineData("telemetry")]
    [InlineData("event")]
    [InlineData("account")]
    public void Vehicle_key_of_the_samples_vin_equals_the_classified_uploads_vehicle_key(string kind)
    {
        var upload = Samples.Classifier.Classify(Samples.Read(kind + ".json"));
        Assert.Equal(upload.VehicleKey, PseudonymizationKey.Development.VehicleKey("LSJA24U62JG269225"));
        Assert.Equal(upload.VehicleKey, PseudonymizationKey.Development.VehicleKey("lsja24u62jg269225"));
    }

    [Fact]
    public void Vehicle_key_equals_the_classifiers_for_any_vin_in_either_case_and_any_key()
    {
        var cases =
            from chars in Gen.Elements(VinAlphabet.ToCharArray()).ArrayOf(17)
            from seed in Gen.Choose(0, int.MaxValue)
            select (vin: new string(chars), seed);
        var sample = JsonNode.Parse(Samples.Read("telemetry.json"))!;
        Prop.ForAll(cases.ToArbitrary(), c =>
        {
            var bytes = new byte[32];
            new Random(c.seed).NextBytes(bytes);
            var key = new PseudonymizationKey("test", bytes);
            sample["vin"] = c.vin;
            var upload = new UploadClassifier(ClassificationPolicy.Default, key).Classify(Encoding.UTF8.GetBytes(sample.ToJsonString()));
            return upload.VehicleKey == key.VehicleKey(c.vin) && upload.VehicleKey == key.VehicleKey(c.vin.ToUpperInvariant());
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Vehicle_keys_stay_right_for_more_vins_than_a_thread_caches_and_when_the_key_changes()
    {
        var sample = JsonNode.Parse(Samples.Read("telemetry.json"))!;
        var other = new PseudonymizationKey("other", Enumerable.Range(0, 32).Select(i => (byte)i).ToArray());
        var vins = Enumerable.Range(0, 5000).Select(i => "LSJA24U62JG" + i.ToString("D6", System.Globalization.CultureInfo.InvariantCulture)).ToList();
        foreach (var round in new[] { 0, 1 })
        {
            foreach (var vin in vins.Where((_, i) => round == 0 || i % 7 == 0))
            {
                sample["vin"] = vin;
                var bytes = Encoding.UTF8.GetBytes(sample.ToJsonString());
                Assert.Equal(PseudonymizationKey.Development.VehicleKey(vin), Samples.Classifier.Classify(bytes).VehicleKey);
                Assert.Equal(other.VehicleKey(vin), new UploadClassifier(ClassificationPolicy.Default, other).Classify(bytes).VehicleKey);
            }
        }
    }

    [Theory]
    [InlineData("LSJA24U62JG26922")]
    [InlineData("LSJA24U62JG2692255")]
    [InlineData("LSJA24U62JG26922O")]
    [InlineData("LSJA24U62JG26922é")]
    [InlineData("")]
    public void A_text_that_is_not_a_vin_is_refused_without_repeating_it(string notVin)
    {
        var ex = Assert.Throws<ArgumentException>(() => PseudonymizationKey.Development.VehicleKey(notVin));
        Assert.False(notVin.Length > 0 && ex.Message.Contains(notVin, StringComparison.Ordinal));
    }
}
