using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Xunit;

namespace Residency.Classification.Tests;

/// <summary>Identifiers used as property names (maps keyed by phone or ID numbers) raise their member to the detector's level
/// and are stored as pseudonyms; paths and errors never echo them.</summary>
public class PropertyNameTests
{
    private static readonly string Phone = PseudonymizationKey.Development.ComputeHex("13800138000"u8);
    private static readonly string Id = PseudonymizationKey.Development.ComputeHex("11010519491231002X"u8);

    /// <summary>cn-auto with a rule that keeps all of <c>$.signals</c> general, as a policy may do for vehicle state.</summary>
    private static UploadClassifier SignalsGeneral { get; } = new(ClassificationPolicy.Load(PolicyTests.Mutate(p => p["rules"]!.AsArray().Add(JsonNode.Parse(
        """{ "id": "signals-all", "path": "$.signals", "level": "general", "category": "vehicle-state", "action": "keep", "reference": "test" }""")))),
        PseudonymizationKey.Development);

    [Fact]
    public void A_phone_number_as_a_name_under_a_general_object_moves_to_personal_as_a_pseudonym()
    {
        var upload = Classify(SignalsGeneral, "\"signals\":{\"speedKph\":3,\"pairedPhones\":{\"13800138000\":{\"name\":\"Wang\",\"rssi\":-60}}}");
        Assert.DoesNotContain("13800138000", Samples.FragmentText(upload, DataLevel.General), StringComparison.Ordinal);
        Assert.Equal(3, Samples.Fragment(upload, DataLevel.General).GetProperty("signals").GetProperty("speedKph").GetInt32());
        var paired = Samples.Fragment(upload, DataLevel.Personal).GetProperty("signals").GetProperty("pairedPhones").GetProperty(Phone);
        Assert.Equal("Wang", paired.GetProperty("name").GetString());
        Assert.Equal(-60, paired.GetProperty("rssi").GetInt32());
        var tags = upload.Fields.Where(f => f.Path.StartsWith("$.signals.pairedPhones", StringComparison.Ordinal)).ToList();
        Assert.All(tags, t => Assert.Equal("detect-mobile", t.RuleId));
        Assert.All(tags, t => Assert.StartsWith("$.signals.pairedPhones['?']", t.Path, StringComparison.Ordinal));
        AssertNowhere(upload, "13800138000");
    }

    [Fact]
    public void An_id_number_as_a_name_raises_its_member_to_sensitive_at_any_depth()
    {
        var upload = Classify(SignalsGeneral, "\"contacts\":{\"synced\":[{\"11010519491231002X\":\"王小明\"}]},\"signals\":{\"a\":[{\"110105 19491231 002x\":1}]}");
        Assert.Equal(DataLevel.Sensitive, upload.Level);
        var sensitive = Samples.Fragment(upload, DataLevel.Sensitive);
        Assert.Equal("王小明", sensitive.GetProperty("contacts").GetProperty("synced")[0].GetProperty(Id).GetString());
        Assert.Equal(1, sensitive.GetProperty("signals").GetProperty("a")[0].GetProperty(Id).GetInt32());
        AssertNowhere(upload, "19491231");
    }

    [Fact]
    public void Two_writings_of_one_identifier_in_one_object_stay_two_names()
    {
        var upload = Classify(SignalsGeneral, "\"signals\":{\"13800138000\":1,\"+86 138-0013-8000\":2,\"138\\u200b0013\\u200b8000\":3}");
        var names = Samples.Fragment(upload, DataLevel.Personal).GetProperty("signals").EnumerateObject().Select(p => p.Name);
        Assert.Equal([Phone, Phone + "~2", Phone + "~3"], names);
    }

    [Fact]
    public void Text_around_an_identifier_in_a_name_is_kept()
    {
        var upload = Classify(SignalsGeneral, "\"signals\":{\"contact:13800138000\":\"x\",\"P0A80\":\"y\"}");
        Assert.Equal("x", Samples.Fragment(upload, DataLevel.Personal).GetProperty("signals").GetProperty("contact:" + Phone).GetString());
        Assert.Equal("y", Samples.Fragment(upload, DataLevel.General).GetProperty("signals").GetProperty("P0A80").GetString());
    }

    [Fact]
    public void A_position_under_an_identifying_name_still_goes_to_the_coordinates_level()
    {
        var upload = Classify(SignalsGeneral, "\"signals\":{\"13800138000\":{\"lat\":31.2304,\"lon\":121.4737,\"note\":\"home\"}}");
        Assert.Equal(31.2304, Samples.Fragment(upload, DataLevel.Sensitive).GetProperty("signals").GetProperty(Phone).GetProperty("lat").GetDouble());
        Assert.Equal("home", Samples.Fragment(upload, DataLevel.Personal).GetProperty("signals").GetProperty(Phone).GetProperty("note").GetString());
    }

    [Fact]
    public void A_name_at_its_own_level_is_kept_like_a_value_at_its_level()
    {
        // A phone number is personal; a field no rule names is personal already, so nothing is raised (as for values).
        var upload = Samples.Classify(Samples.Minimal("\"contacts\":{\"13800138000\":\"Wang\"}"));
        Assert.Equal("Wang", Samples.Fragment(upload, DataLevel.Personal).GetProperty("contacts").GetProperty("13800138000").GetString());
        Assert.Equal("$.contacts['?']", Assert.Single(upload.Fields, f => f.Path.StartsWith("$.contacts", StringComparison.Ordinal)).Path);
    }

    [Fact]
    public void A_name_in_a_camera_frame_raises_the_frame()
    {
        var policy = ClassificationPolicy.Load(PolicyTests.Mutate(p => p["rules"]!.AsArray().First(r => (string?)r!["id"] == "camera-interior")!["level"] = "personal"));
        var upload = new UploadClassifier(policy, PseudonymizationKey.Development).Classify(Encoding.UTF8.GetBytes(
            Samples.Minimal("\"camera\":[{\"position\":\"cabin\",\"format\":\"jpeg\",\"owner\":{\"11010519491231002X\":true}}]")));
        Assert.Equal("detect-resident-id", Assert.Single(upload.Fields, f => f.Path == "$.camera[*]").RuleId);
        Assert.DoesNotContain("11010519491231002X", Samples.FragmentText(upload, DataLevel.Personal), StringComparison.Ordinal);
    }

    [Fact]
    public void A_duplicate_identifying_name_is_rejected_without_echoing_it()
    {
        var ex = Assert.Throws<UploadRejectedException>(() => Classify(SignalsGeneral, "\"signals\":{\"13800138000\":1,\"13800138000\":2}"));
        Assert.Equal("duplicate-key", ex.ReasonCode);
        Assert.DoesNotContain("13800138000", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Ordinary_names_are_not_rewritten()
    {
        var upload = Classify(SignalsGeneral, "\"signals\":{\"P0A80\":1,\"odometer2026\":2,\"u-88213\":3,\"seatProfile\":4}");
        Assert.Equal(["P0A80", "odometer2026", "u-88213", "seatProfile"],
            Samples.Fragment(upload, DataLevel.General).GetProperty("signals").EnumerateObject().Select(p => p.Name));
    }

    private static ClassifiedUpload Classify(UploadClassifier classifier, string members) =>
        classifier.Classify(Encoding.UTF8.GetBytes(Samples.Minimal(members)));

    private static void AssertNowhere(ClassifiedUpload upload, string raw)
    {
        foreach (var fragment in upload.Fragments)
        {
            Assert.DoesNotContain(raw, Encoding.UTF8.GetString(fragment.Json.Span), StringComparison.Ordinal);
        }

        Assert.All(upload.Fields, f => Assert.DoesNotContain(raw, f.Path, StringComparison.Ordinal));
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            upload.WriteReport(writer);
        }

        Assert.DoesNotContain(raw, Encoding.UTF8.GetString(stream.ToArray()), StringComparison.Ordinal);
    }
}
