using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Xunit;

namespace Residency.Classification.Tests;

/// <summary>ClassifiedUpload.Subjects: one keyed hash per distinct person-identifier an upload names, for the day ledger.</summary>
public class SubjectTests
{
    private static readonly byte[] DevelopmentKey = SHA256.HashData(Encoding.UTF8.GetBytes("residency development pseudonymization key (public, not secret)"));

    /// <summary>The definition, computed independently: the first 8 bytes (big-endian) of HMAC-SHA256 over subject/kind/canonical.</summary>
    private static ulong Expected(string kind, string canonical) =>
        BinaryPrimitives.ReadUInt64BigEndian(HMACSHA256.HashData(DevelopmentKey, Encoding.UTF8.GetBytes($"subject/{kind}/{canonical}")));

    [Fact]
    public void The_account_sample_names_its_owner_and_the_persons_in_its_notes()
    {
        var upload = Samples.Classifier.Classify(Samples.Read("account.json"));
        Assert.Equal(
            [("account", Expected("account", "u-88213")), ("phone", Expected("phone", "13800138000")),
             ("resident-id", Expected("resident-id", "11010519491231002X")), ("email", Expected("email", "wang@example.cn")),
             ("phone", Expected("phone", "13912345678")), ("passport", Expected("passport", "E12345678")),
             ("bank-card", Expected("bank-card", "440524188001010014"))],
            upload.Subjects.Select(s => (s.Kind, s.Hash)));
    }

    [Theory]
    [InlineData("13800138000")]
    [InlineData("+86 138 0013 8000")]
    [InlineData("００８６－１３８－００１３－８０００")]
    [InlineData("138\u200B0013\u200B8000")]
    public void Two_writings_of_one_phone_give_one_hash(string written)
    {
        var upload = Samples.Classify(Samples.Minimal($"\"owner\":{{\"phone\":\"{written}\"}},\"notes\":\"身份证11010519491231002X，电话13800138000\""));
        var phone = Assert.Single(upload.Subjects, s => s.Kind == "phone");
        Assert.Equal(Expected("phone", "13800138000"), phone.Hash);
    }

    [Fact]
    public void One_person_named_in_several_places_and_forms_counts_once()
    {
        var upload = Samples.Classify(Samples.Minimal(
            "\"owner\":{\"idNumber\":\"150102198807303035\"},\"notes\":\"旧身份证150102880730303，新身份证150102 19880730 3035\",\"contacts\":{\"150102198807303035\":\"本人\"}"));
        Assert.Equal([("resident-id", Expected("resident-id", "150102198807303035"))], upload.Subjects.Select(s => (s.Kind, s.Hash)));
    }

    [Fact]
    public void Kinds_never_share_a_hash()
    {
        var upload = Samples.Classify(Samples.Minimal("\"owner\":{\"accountId\":\"13800138000\",\"phone\":\"13800138000\"}"));
        Assert.Equal([("account", Expected("account", "13800138000")), ("phone", Expected("phone", "13800138000"))], upload.Subjects.Select(s => (s.Kind, s.Hash)));
        Assert.NotEqual(upload.Subjects[0].Hash, upload.Subjects[1].Hash);
    }

    [Fact]
    public void Subjects_hold_no_raw_value()
    {
        var upload = Samples.Classify(Samples.Minimal(
            "\"owner\":{\"accountId\":\"u-88213\",\"phone\":\"13800138000\",\"idNumber\":\"11010519491231002X\",\"email\":\"wang@example.cn\"},"
            + "\"notes\":\"护照E12345678，卡6225881414207430，香港P174468(6)，台湾B221690311\""));
        Assert.Equal(["account", "phone", "resident-id", "email", "passport", "bank-card", "hk-id", "tw-id"], upload.Subjects.Select(s => s.Kind));
        var shown = string.Join(",", upload.Subjects.Select(s => $"{s.Kind}:{s.Hash}:{s.Hash:x16}:{s}"));
        foreach (var raw in new[] { "88213", "13800138000", "11010519491231002X", "wang", "example", "E12345678", "6225881414207430", "174468", "221690311" })
        {
            Assert.DoesNotContain(raw, shown, StringComparison.OrdinalIgnoreCase);
        }

        // The type itself holds a kind name and a number, nothing else.
        Assert.Equal(["Hash:UInt64", "Kind:String"], typeof(IdentifiedSubject).GetProperties().Select(p => $"{p.Name}:{p.PropertyType.Name}").Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Identifiers_as_property_names_and_in_camera_frames_count()
    {
        var policy = ClassificationPolicy.Load(PolicyTests.Mutate(p => p["rules"]!.AsArray().First(r => (string?)r!["id"] == "camera-interior")!["level"] = "personal"));
        var upload = new UploadClassifier(policy, PseudonymizationKey.Development).Classify(Encoding.UTF8.GetBytes(Samples.Minimal(
            "\"contacts\":{\"11010519491231002X\":1},\"camera\":[{\"position\":\"cabin\",\"label\":\"E12345678 P174468(6)\"}]")));
        Assert.Equal([("resident-id", Expected("resident-id", "11010519491231002X")), ("passport", Expected("passport", "E12345678")), ("hk-id", Expected("hk-id", "P1744686"))],
            upload.Subjects.Select(s => (s.Kind, s.Hash)));
    }

    [Fact]
    public void A_value_its_rule_identifies_counts_by_its_text_when_no_detector_reads_it()
    {
        // A landline in the phone field: not a mobile number, still the owner's phone.
        var upload = Samples.Classify(Samples.Minimal("\"owner\":{\"phone\":\" 010-6512 3456 \",\"email\":null}"));
        Assert.Equal([("phone", Expected("phone", "01065123456"))], upload.Subjects.Select(s => (s.Kind, s.Hash)));
    }

    [Fact]
    public void Subjects_depend_on_the_key_and_repeat_on_every_upload()
    {
        var other = new PseudonymizationKey("other", SHA256.HashData("another key"u8));
        var json = Encoding.UTF8.GetBytes(Samples.Minimal("\"owner\":{\"phone\":\"13800138000\"}"));
        var first = Samples.Classifier.Classify(json).Subjects.Single().Hash;
        var keyed = new UploadClassifier(ClassificationPolicy.Default, other).Classify(json).Subjects.Single().Hash;
        var again = Samples.Classifier.Classify(json).Subjects.Single().Hash;
        Assert.Equal(Expected("phone", "13800138000"), first);
        Assert.NotEqual(first, keyed);
        Assert.Equal(first, again);
        Assert.Empty(Samples.Classify(Samples.Minimal("\"signals\":{\"speedKph\":3}")).Subjects);
    }

    [Fact]
    public void An_upload_naming_thousands_hashes_the_first_4096_and_counts_the_rest()
    {
        var phones = string.Join(",", Enumerable.Range(0, 5000).Select(i => $"\"13{i:D9}\"").Concat(["\"1300000000 0\"", "\"13000000000\""]));
        var upload = Samples.Classify(Samples.Minimal($"\"diagnostics\":{{\"dtc\":[{phones}]}}"));
        Assert.Equal(4096, upload.Subjects.Count);
        Assert.Equal(904, upload.SubjectsBeyondLimit);
        Assert.Equal(Expected("phone", "13000000000"), upload.Subjects[0].Hash);
        Assert.Equal(0, Samples.Classify(Samples.Minimal()).SubjectsBeyondLimit);
    }

    [Theory]
    [InlineData("""{ "id": "r1", "path": "$.x", "level": "personal", "category": "x", "action": "keep", "reference": "r", "identifies": "ssn" }""", "rule 'r1': identifies 'ssn' is not one of resident-id, hk-id, tw-id, phone, email, passport, bank-card, account (at $.rules[")]
    [InlineData("""{ "id": "r1", "detector": "cn-passport", "level": "sensitive", "category": "x", "action": "keep", "reference": "r", "identifies": "passport" }""", "rule 'r1': 'identifies' names what the values at a path are, so it belongs on a path rule without 'when' (not on a detector rule")]
    [InlineData("""{ "id": "r1", "path": "$.camera[*]", "level": "sensitive", "category": "x", "action": "keep", "reference": "r", "when": { "field": "position", "in": ["x"] }, "identifies": "phone" }""", "(not on a conditional rule; 'phone' was given)")]
    [InlineData("""{ "id": "r1", "path": "$.x", "level": "personal", "category": "x", "action": "keep", "reference": "r", "identifies": 3 }""", "rule 'r1': identifies 3 is not one of")]
    public void Identifies_names_one_of_the_kinds_on_a_path_rule(string rule, string error)
    {
        var ex = Assert.Throws<PolicyValidationException>(() => ClassificationPolicy.Load(PolicyTests.Mutate(p =>
        {
            if (p["rules"]!.AsArray().FirstOrDefault(r => (string?)r!["detector"] == (string?)JsonNode.Parse(rule)!["detector"] && JsonNode.Parse(rule)!["detector"] is not null) is { } existing)
            {
                p["rules"]!.AsArray().Remove(existing);
            }

            p["rules"]!.AsArray().Add(JsonNode.Parse(rule));
        })));
        Assert.Contains(ex.Errors, e => e.Contains(error, StringComparison.Ordinal));
    }

    [Fact]
    public void The_default_policy_declares_what_the_owner_fields_identify()
    {
        var policy = ClassificationPolicy.Default;
        Assert.Equal(SubjectKind.Phone, policy.EffectiveRuleFor("$.owner.phone").Identifies);
        Assert.Equal(SubjectKind.ResidentId, policy.EffectiveRuleFor("$.owner.idNumber").Identifies);
        Assert.Equal(SubjectKind.Email, policy.EffectiveRuleFor("$.owner.email").Identifies);
        Assert.Equal(SubjectKind.Account, policy.EffectiveRuleFor("$.owner.accountId").Identifies);
        Assert.Null(policy.EffectiveRuleFor("$.owner.name").Identifies);
    }
}
