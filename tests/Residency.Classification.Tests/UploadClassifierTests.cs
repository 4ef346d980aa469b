using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Xunit;

namespace Residency.Classification.Tests;

public class UploadClassifierTests
{
    [Fact]
    public void Vehicle_key_is_the_lowercase_hmac_of_the_vin_and_the_raw_vin_is_only_in_the_personal_fragment()
    {
        var upload = Samples.Classify(Samples.Minimal("\"signals\":{\"speedKph\":1},\"location\":{\"lat\":31.2,\"lon\":121.4}"));
        var expected = Convert.ToHexStringLower(HMACSHA256.HashData(DevelopmentKeyBytes(), "LSJA24U62JG269225"u8));
        Assert.Equal(expected, upload.VehicleKey);
        Assert.Equal("development", upload.KeyId);
        foreach (var fragment in upload.Fragments)
        {
            var text = Encoding.UTF8.GetString(fragment.Json.Span);
            Assert.Contains(expected, text);
            Assert.Equal(fragment.Level == DataLevel.Personal, text.Contains("LSJA24U62JG269225", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Every_fragment_carries_the_join_envelope()
    {
        var upload = Samples.Classifier.Classify(Samples.Read("telemetry.json"));
        Assert.Equal([DataLevel.General, DataLevel.Personal, DataLevel.Sensitive], upload.Fragments.Select(f => f.Level));
        foreach (var fragment in upload.Fragments)
        {
            var root = JsonDocument.Parse(fragment.Json).RootElement;
            Assert.Equal(upload.MessageId, root.GetProperty("messageId").GetString());
            Assert.Equal(upload.VehicleKey, root.GetProperty("vehicleKey").GetString());
            Assert.Equal("2026-11-22T08:15:30.123Z", root.GetProperty("capturedAt").GetString());
        }
    }

    [Fact]
    public void Owner_fields_are_masked_and_pseudonymized_as_the_policy_says()
    {
        var upload = Samples.Classify(Samples.Minimal(
            "\"owner\":{\"accountId\":\"u-88213\",\"name\":\"王小明\",\"phone\":\"13800138000\",\"idNumber\":\"11010519491231002X\",\"email\":\"wang@example.cn\"}"));
        var personal = Samples.Fragment(upload, DataLevel.Personal).GetProperty("owner");
        Assert.Equal("王**", personal.GetProperty("name").GetString());
        Assert.Equal("138****8000", personal.GetProperty("phone").GetString());
        Assert.Equal("w***@example.cn", personal.GetProperty("email").GetString());
        Assert.Equal(PseudonymizationKey.Development.ComputeHex("u-88213"u8), personal.GetProperty("accountId").GetString());
        var sensitive = Samples.Fragment(upload, DataLevel.Sensitive).GetProperty("owner");
        Assert.Equal(PseudonymizationKey.Development.ComputeHex("11010519491231002X"u8), sensitive.GetProperty("idNumber").GetString());
        Assert.Equal(DataLevel.Sensitive, upload.Level);
        var all = string.Concat(upload.Fragments.Select(f => Encoding.UTF8.GetString(f.Json.Span)));
        Assert.DoesNotContain("13800138000", all);
        Assert.DoesNotContain("11010519491231002X", all);
    }

    [Fact]
    public void Unknown_fields_fail_closed_to_personal()
    {
        var upload = Samples.Classify(Samples.Minimal("\"mystery\":{\"value\":\"abc\",\"n\":[1,2]}"));
        var tag = Assert.Single(upload.Fields, f => f.Path == "$.mystery.value");
        Assert.Equal(DataLevel.Personal, tag.Level);
        Assert.Equal("unnamed-field", tag.RuleId);
        Assert.Equal(2, Assert.Single(upload.Fields, f => f.Path == "$.mystery.n[*]").Count);
        Assert.DoesNotContain("mystery", Samples.FragmentText(upload, DataLevel.General));
        Assert.Contains("mystery", Samples.FragmentText(upload, DataLevel.Personal));
    }

    [Fact]
    public void A_detector_raises_a_field_and_rewrites_only_the_identifier()
    {
        var upload = Samples.Classify(Samples.Minimal("\"diagnostics\":{\"dtc\":[\"P0A80\",\"客户身份证11010519491231002X请回电\"]}"));
        var tags = upload.Fields.Where(f => f.Path == "$.diagnostics.dtc[*]").ToList();
        Assert.Contains(tags, t => t.Level == DataLevel.General && t.Count == 1);
        Assert.Contains(tags, t => t.Level == DataLevel.Sensitive && t.RuleId == "detect-resident-id");
        var sensitive = Samples.Fragment(upload, DataLevel.Sensitive).GetProperty("diagnostics").GetProperty("dtc");

        // The general fragment kept index 0, so the sensitive one pads it with null to keep element indices aligned.
        Assert.Equal(JsonValueKind.Null, sensitive[0].ValueKind);
        Assert.Equal("客户身份证" + PseudonymizationKey.Development.ComputeHex("11010519491231002X"u8) + "请回电", sensitive[1].GetString());
        Assert.DoesNotContain("11010519491231002X", Samples.FragmentText(upload, DataLevel.General));
    }

    [Fact]
    public void Detectors_see_through_json_escapes()
    {
        var upload = Samples.Classify(Samples.Minimal("\"firmwareNote\":\"\\u8eab\\u4efd\\u8bc1\\u0031\\u00310105194912310021\""));
        Assert.Equal(DataLevel.Personal, upload.Level); // wrong check digit: stays personal (fallback)
        upload = Samples.Classify(Samples.Minimal("\"firmwareNote\":\"\\u8eab\\u4efd\\u8bc1\\u0031\\u003101051949123100\\u0032X\""));
        Assert.Equal(DataLevel.Sensitive, upload.Level);
        Assert.Equal("detect-resident-id", Assert.Single(upload.Fields, f => f.Path == "$.firmwareNote").RuleId);
    }

    [Theory]
    [InlineData("{\"position\":\"front\",\"format\":\"jpeg\",\"imageBase64\":\"AAAA\"}", DataLevel.Important, "camera-exterior-identifying")]
    [InlineData("{\"position\":\"front\",\"detections\":{\"faces\":0},\"imageBase64\":\"AAAA\"}", DataLevel.Important, "camera-exterior-identifying")]
    [InlineData("{\"position\":\"front\",\"detections\":{\"faces\":0,\"plates\":3}}", DataLevel.Important, "camera-exterior-identifying")]
    [InlineData("{\"position\":\"rear\",\"detections\":{\"faces\":0,\"plates\":0}}", DataLevel.Sensitive, "camera-exterior")]
    [InlineData("{\"position\":\"cabin\",\"detections\":{\"faces\":2,\"plates\":0}}", DataLevel.Sensitive, "camera-interior")]
    [InlineData("{\"detections\":{\"faces\":0,\"plates\":0}}", DataLevel.Sensitive, "camera-exterior")]
    public void Camera_frames_are_classified_as_a_whole(string frame, DataLevel level, string rule)
    {
        var upload = Samples.Classify(Samples.Minimal($"\"camera\":[{frame}]"));
        var tag = Assert.Single(upload.Fields, f => f.Path == "$.camera[*]");
        Assert.Equal(level, tag.Level);
        Assert.Equal(rule, tag.RuleId);
        var stored = Samples.Fragment(upload, level).GetProperty("camera")[0];
        Assert.Equal(JsonDocument.Parse(frame).RootElement.ToString(), stored.ToString());
    }

    [Fact]
    public void Positions_inside_a_geofence_are_important()
    {
        var upload = Samples.Classify(Samples.Minimal("\"location\":{\"lat\":39.915,\"lon\":116.38,\"datum\":\"GCJ-02\"}"));
        Assert.Equal(DataLevel.Important, upload.Level);
        Assert.All(upload.Fields.Where(f => f.Path is "$.location.lat" or "$.location.lon"), f => Assert.Equal("sensitive-area", f.Category));
        var important = Samples.Fragment(upload, DataLevel.Important).GetProperty("location");
        Assert.Equal(39.915, important.GetProperty("lat").GetDouble());
        Assert.DoesNotContain("39.915", Samples.FragmentText(upload, DataLevel.Sensitive));
    }

    [Fact]
    public void Coordinates_in_unknown_fields_are_at_least_sensitive()
    {
        var upload = Samples.Classify(Samples.Minimal("\"favorites\":[{\"label\":\"家\",\"lat\":31.2,\"lon\":121.4}]"));
        Assert.Equal("unnamed-position", Assert.Single(upload.Fields, f => f.Path == "$.favorites[*].lat").RuleId);
        Assert.Equal(DataLevel.Personal, Assert.Single(upload.Fields, f => f.Path == "$.favorites[*].label").Level);
        Assert.DoesNotContain("121.4", Samples.FragmentText(upload, DataLevel.Personal));
    }

    [Fact]
    public void Charging_position_is_snapped_to_the_grid_and_timestamps_are_truncated()
    {
        var upload = Samples.Classify(Samples.Minimal(
            "\"charging\":{\"stationId\":\"CN-BJ-00231\",\"lat\":39.91234,\"lon\":116.40567},\"trajectory\":[{\"t\":\"2026-11-22T16:15:00.999+08:00\",\"lat\":31.2,\"lon\":121.4}]"));
        var charging = Samples.Fragment(upload, DataLevel.Sensitive).GetProperty("charging");
        Assert.Equal(39.912, charging.GetProperty("lat").GetDouble());
        Assert.Equal(116.406, charging.GetProperty("lon").GetDouble());
        Assert.Equal("CN-BJ-00231", Samples.Fragment(upload, DataLevel.Important).GetProperty("charging").GetProperty("stationId").GetString());
        var t = Samples.Fragment(upload, DataLevel.Sensitive).GetProperty("trajectory")[0].GetProperty("t").GetString();
        Assert.Equal("2026-11-22T08:15:00Z", t);
    }

    [Fact]
    public void Dropped_fields_are_tagged_but_not_stored()
    {
        var upload = Samples.Classify(Samples.Minimal("\"driver\":{\"faceTemplate\":\"QUJD\",\"drowsiness\":0.2}"));
        Assert.Equal("drop", Assert.Single(upload.Fields, f => f.Path == "$.driver.faceTemplate").Action);
        Assert.DoesNotContain("QUJD", string.Concat(upload.Fragments.Select(f => Encoding.UTF8.GetString(f.Json.Span))));
    }

    [Fact]
    public void Results_are_deterministic_and_depend_on_the_key()
    {
        var bytes = Samples.Read("account.json");
        var a = Samples.Classifier.Classify(bytes);
        var b = Samples.Classifier.Classify(bytes);
        Assert.Equal(a.Fragments.Select(f => f.Json.ToArray()), b.Fragments.Select(f => f.Json.ToArray()));
        var other = new UploadClassifier(ClassificationPolicy.Default, new PseudonymizationKey("k2", new byte[32])).Classify(bytes);
        Assert.NotEqual(a.VehicleKey, other.VehicleKey);
        Assert.Equal("k2", other.KeyId);
    }

    [Fact]
    public void Concurrent_callers_get_the_same_results_as_sequential_ones()
    {
        var inputs = Samples.Kinds.Select(k => Samples.Read(k + ".json")).ToArray();
        var expected = inputs.Select(i => Render(Samples.Classifier.Classify(i))).ToArray();
        var results = new string[inputs.Length * 40];
        Parallel.For(0, results.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i => results[i] = Render(Samples.Classifier.Classify(inputs[i % inputs.Length])));
        for (var i = 0; i < results.Length; i++)
        {
            Assert.Equal(expected[i % inputs.Length], results[i]);
        }
    }

    [Fact]
    public void Null_optional_fields_are_accepted()
    {
        var upload = Samples.Classify(Samples.Minimal("\"kind\":null,\"signals\":{\"gear\":null}"));
        Assert.Null(upload.Kind);
        Assert.Contains(upload.Fields, f => f.Path == "$.signals.gear");
    }

    [Fact]
    public void A_raised_field_has_every_identifier_rewritten()
    {
        var upload = Samples.Classify(Samples.Minimal("\"notes\":\"电话13800138000，身份证11010519491231002X，车牌京A12345\""));
        var notes = Samples.Fragment(upload, DataLevel.Sensitive).GetProperty("notes").GetString();
        Assert.Equal("电话138****8000，身份证" + PseudonymizationKey.Development.ComputeHex("11010519491231002X"u8) + "，车牌京A****5", notes);
    }

    [Fact]
    public void Personal_free_text_keeps_personal_identifiers_at_its_own_level()
    {
        // Detectors run only where they can raise the level: a phone number in personal notes stays (in the personal fragment).
        var upload = Samples.Classify(Samples.Minimal("\"notes\":\"请致电13800138000\""));
        Assert.Equal("free-text-notes", Assert.Single(upload.Fields, f => f.Path == "$.notes").RuleId);
        Assert.Equal([DataLevel.General, DataLevel.Personal], upload.Fragments.Select(f => f.Level));
        Assert.Equal("请致电13800138000", Samples.Fragment(upload, DataLevel.Personal).GetProperty("notes").GetString());
    }

    [Fact]
    public void Device_chosen_names_that_could_hold_values_are_not_echoed_in_paths()
    {
        var upload = Samples.Classify(Samples.Minimal("\"13800138000\":1,\"名字\":2,\"ok_name\":3"));
        Assert.Equal(2, Assert.Single(upload.Fields, f => f.Path == "$['?']").Count);
        Assert.Contains(upload.Fields, f => f.Path == "$.ok_name");
        var ex = Assert.Throws<UploadRejectedException>(() => Samples.Classify(Samples.Minimal("\"13800138000\":1,\"13800138000\":2")));
        Assert.DoesNotContain("13800138000", ex.Message);
    }

    [Fact]
    public void Escaped_property_names_are_matched_and_written_unescaped()
    {
        var upload = Samples.Classify(Samples.Minimal("\"\\u006fwner\":{\"ph\\u006fne\":\"13800138000\"},\"caf\\u00e9\":{\"x\\\"y\":{\"z\":1}}"));
        Assert.Equal("owner-phone", Assert.Single(upload.Fields, f => f.Path == "$.owner.phone").RuleId);
        var personal = Samples.Fragment(upload, DataLevel.Personal);
        Assert.Equal("138****8000", personal.GetProperty("owner").GetProperty("phone").GetString());
        Assert.Equal(1, personal.GetProperty("café").GetProperty("x\"y").GetProperty("z").GetInt32());
    }

    internal static string Render(ClassifiedUpload upload)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            upload.WriteReport(writer);
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static byte[] DevelopmentKeyBytes() =>
        SHA256.HashData(Encoding.UTF8.GetBytes("residency development pseudonymization key (public, not secret)"));
}
