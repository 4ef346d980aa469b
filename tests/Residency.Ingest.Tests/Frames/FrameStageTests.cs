using System.Text;
using System.Text.Json;
using Residency.Classification;
using Residency.Development.Frames;
using Residency.Frames;
using Residency.Ingest.Frames;
using Xunit;

namespace Residency.Ingest.Tests.Frames;

/// <summary>The frame stage on real bytes: real faces and plates found and blurred by the server, levels from its counts,
/// bad frames quarantined with a reason, the bounds, and nothing but the image field able to carry pixels.</summary>
[Collection(FrameStageGroup.Name)]
public sealed class FrameStageTests(FrameStageFixture fixture)
{
    private FrameStage Stage(FrameStageOptions? options = null) => new(ClassificationPolicy.Default, fixture.Deidentifier, options);

    private static ClassifiedUpload Classify(FrameStageResult staged) =>
        new UploadClassifier(ClassificationPolicy.Default, PseudonymizationKey.Development).Classify(staged.Utf8.Span);

    private static FieldTag CameraTag(ClassifiedUpload upload) => Assert.Single(upload.Fields, f => f.Path == "$.camera[*]");

    private static JsonElement StoredFrame(ClassifiedUpload upload, DataLevel level) =>
        Assert.Single(FrameUploads.Frames(Assert.Single(upload.Fragments, f => f.Level == level).Json));

    [Fact]
    public void A_face_the_device_did_not_report_is_blurred_and_the_frame_is_important_data()
    {
        var frame = fixture.Frames.Face(1280, 720, seed: 5);
        var staged = Stage().Apply(FrameUploads.With(FrameUploads.Frame(frame.Jpeg, claimedFaces: 0, claimedPlates: 0)), Stage().NewBudget());

        Assert.False(staged.Refused);
        Assert.Equal((1, 1, 1), (staged.Frames, staged.Altered, staged.Faces));
        var upload = Classify(staged);
        Assert.Equal(("camera-exterior-identifying", DataLevel.Important, "deidentify-image"), (CameraTag(upload).RuleId, CameraTag(upload).Level, CameraTag(upload).Action));
        var stored = StoredFrame(upload, DataLevel.Important);
        Assert.Equal(1, stored.GetProperty("detections").GetProperty("faces").GetInt32());
        Assert.Equal(0, stored.GetProperty("deviceDetections").GetProperty("faces").GetInt32());
        Assert.True(stored.GetProperty("deidentification").GetProperty("altered").GetBoolean());
        Assert.Equal(FrameDeidentifier.ModelSha256.Count, stored.GetProperty("deidentification").GetProperty("modelSha256").EnumerateObject().Count());
        var again = fixture.Deidentifier.Deidentify(stored.GetProperty("imageBase64").GetBytesFromBase64());
        Assert.Equal((FrameOutcome.Unchanged, 0), (again.Outcome, again.Faces));
    }

    [Theory]
    [InlineData(PlateKind.Blue)]
    [InlineData(PlateKind.Yellow)]
    [InlineData(PlateKind.NewEnergySmall)]
    public void A_plate_is_blurred_even_when_the_device_sends_no_counts(PlateKind kind)
    {
        var frame = fixture.Frames.Plate(kind, 1280, 720, seed: 3);
        var staged = Stage().Apply(FrameUploads.With(FrameUploads.Frame(frame.Jpeg, claimedFaces: null, claimedPlates: null)), Stage().NewBudget());

        Assert.Equal(1, staged.Plates);
        var stored = StoredFrame(Classify(staged), DataLevel.Important);
        Assert.False(stored.TryGetProperty("deviceDetections", out _));
        var again = fixture.Deidentifier.Deidentify(stored.GetProperty("imageBase64").GetBytesFromBase64());
        Assert.Equal(0, again.Plates);
    }

    [Fact]
    public void A_clean_frame_keeps_its_bytes_and_is_sensitive_though_the_device_claims_faces()
    {
        var frame = SyntheticFrames.Clean(1280, 720, seed: 8);
        var staged = Stage().Apply(FrameUploads.With(FrameUploads.Frame(frame.Jpeg, claimedFaces: 2, claimedPlates: 1)), Stage().NewBudget());

        Assert.Equal((1, 0), (staged.Frames, staged.Altered));
        var upload = Classify(staged);
        Assert.Equal(("camera-exterior", DataLevel.Sensitive), (CameraTag(upload).RuleId, CameraTag(upload).Level));
        var stored = StoredFrame(upload, DataLevel.Sensitive);
        Assert.Equal(frame.Jpeg, stored.GetProperty("imageBase64").GetBytesFromBase64());
        Assert.Equal(2, stored.GetProperty("deviceDetections").GetProperty("faces").GetInt32());
        Assert.False(stored.GetProperty("deidentification").GetProperty("altered").GetBoolean());
    }

    [Fact]
    public void Interior_frames_are_left_to_their_own_rule()
    {
        var frame = fixture.Frames.Face(640, 360, seed: 2);
        var upload = FrameUploads.With(FrameUploads.Frame(frame.Jpeg, position: "cabin"));
        var staged = Stage().Apply(upload, Stage().NewBudget());

        Assert.Equal(0, staged.Frames);
        Assert.Equal(frame.Jpeg, Assert.Single(FrameUploads.Frames(staged.Utf8)).GetProperty("imageBase64").GetBytesFromBase64());
    }

    [Fact]
    public void A_frame_array_named_with_escapes_is_still_deidentified()
    {
        var frame = fixture.Frames.Face(1280, 720, seed: 5);
        var json = Encoding.UTF8.GetString(FrameUploads.With(FrameUploads.Frame(frame.Jpeg))).Replace("\"camera\"", "\"\\u0063amera\"", StringComparison.Ordinal);

        var staged = Stage().Apply(Encoding.UTF8.GetBytes(json), Stage().NewBudget());

        Assert.Equal((1, 1), (staged.Frames, staged.Faces));
    }

    [Theory]
    [InlineData("truncated")]
    [InlineData("random")]
    [InlineData("not-base64")]
    public void A_frame_the_server_cannot_decode_is_quarantined_as_invalid_image(string defect)
    {
        var jpeg = SyntheticFrames.Clean(320, 180, seed: 1).Jpeg;
        var frame = FrameUploads.Frame(defect == "truncated" ? jpeg[..(jpeg.Length / 3)] : [.. Enumerable.Range(0, 500).Select(i => (byte)(i * 37))]);
        if (defect == "not-base64")
        {
            frame["imageBase64"] = "this is not base64!";
        }

        var staged = Stage().Apply(FrameUploads.With(frame), Stage().NewBudget());

        Assert.Equal(FrameReasons.InvalidImage, staged.ReasonCode);
        Assert.StartsWith("frame 0 of camera: ", staged.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Huge_declared_dimensions_are_refused_from_the_header_before_decoding()
    {
        var staged = Stage().Apply(FrameUploads.With(FrameUploads.Frame(HostileImages.HugePng(60_000, 60_000))), Stage().NewBudget());

        Assert.Equal(FrameReasons.ImageTooLarge, staged.ReasonCode);
        Assert.Contains("60000x60000 pixels is over the limit", staged.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void More_frames_than_an_upload_may_carry_send_it_to_quarantine()
    {
        var jpeg = SyntheticFrames.Clean(320, 180, seed: 1).Jpeg;
        var stage = Stage(new FrameStageOptions { MaxFramesPerUpload = 2 });

        var staged = stage.Apply(FrameUploads.With(FrameUploads.Frame(jpeg), FrameUploads.Frame(jpeg), FrameUploads.Frame(jpeg)), stage.NewBudget());

        Assert.Equal((FrameReasons.ImageTooLarge, "the upload carries more than 2 frames to de-identify"), (staged.ReasonCode, staged.Detail));
    }

    [Fact]
    public void Uploads_past_the_invocations_frame_limit_are_quarantined_not_dropped()
    {
        var jpeg = SyntheticFrames.Clean(320, 180, seed: 1).Jpeg;
        var stage = Stage(new FrameStageOptions { MaxFramesPerInvocation = 1 });
        var budget = stage.NewBudget();

        var first = stage.Apply(FrameUploads.With(FrameUploads.Frame(jpeg)), budget);
        var second = stage.Apply(FrameUploads.With(FrameUploads.Frame(jpeg)), budget);

        Assert.False(first.Refused);
        Assert.Equal(FrameReasons.ImageTooLarge, second.ReasonCode);
        Assert.Contains("already de-identified 1 frames, its limit", second.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("thumbnail", "long")]
    [InlineData("preview", "object")]
    [InlineData("deidentification", "forged")]
    [InlineData("deviceDetections", "forged")]
    [InlineData("imageBase64", "missing")]
    public void Nothing_but_the_image_field_may_carry_what_the_stage_cannot_check(string field, string how)
    {
        var frame = FrameUploads.Frame(SyntheticFrames.Clean(320, 180, seed: 1).Jpeg);
        switch (how)
        {
            case "long":
                frame[field] = new string('A', 4000);
                break;
            case "object":
                frame[field] = new System.Text.Json.Nodes.JsonObject { ["data"] = "AAAA" };
                break;
            case "forged":
                frame[field] = new System.Text.Json.Nodes.JsonObject { ["altered"] = true };
                break;
            default:
                frame.Remove(field);
                break;
        }

        var staged = Stage().Apply(FrameUploads.With(frame), Stage().NewBudget());

        Assert.Equal(FrameReasons.InvalidImage, staged.ReasonCode);
        if (how is "long" or "object")
        {
            // A property name may be anything a device sends: it never reaches the reason.
            Assert.DoesNotContain(field, staged.Detail, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Reasons_never_carry_plate_text_or_image_bytes()
    {
        var plate = fixture.Frames.Plate(PlateKind.Blue, 1280, 720, seed: 3);
        var cut = plate.Jpeg[..(plate.Jpeg.Length / 2)];
        var staged = Stage().Apply(FrameUploads.With(FrameUploads.Frame(cut)), Stage().NewBudget());

        Assert.Equal(FrameReasons.InvalidImage, staged.ReasonCode);
        Assert.DoesNotContain(plate.PlateNumber!, staged.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain(Convert.ToBase64String(cut)[..16], staged.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void A_policy_that_deidentifies_frames_needs_a_deidentifier()
    {
        var error = Assert.Throws<InvalidOperationException>(() => new FrameStage(ClassificationPolicy.Default, deidentifier: null));

        Assert.Contains("$.camera[*]", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_policy_can_turn_the_stage_off()
    {
        var json = Encoding.UTF8.GetString(ClassificationPolicy.DefaultPolicyJson.Span)
            .Replace("\"action\": { \"type\": \"deidentify-image\", \"detectors\": [\"faces\", \"plates\"], \"blur\": \"gaussian\", \"minConfidence\": 0.7, \"tiling\": true }", "\"action\": \"keep\"", StringComparison.Ordinal);
        var policy = ClassificationPolicy.Load(Encoding.UTF8.GetBytes(json));
        var upload = FrameUploads.With(FrameUploads.Frame([1, 2, 3]));

        var stage = new FrameStage(policy, deidentifier: null);
        var staged = stage.Apply(upload, stage.NewBudget());

        Assert.Empty(policy.FrameArrays);
        Assert.False(stage.Enabled);
        Assert.Equal(upload, staged.Utf8.ToArray());
    }
}
