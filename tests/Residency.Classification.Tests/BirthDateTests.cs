using Xunit;

namespace Residency.Classification.Tests;

/// <summary>A resident ID's birth date lies between 1900-01-01 and the upload's capture date (its China date, UTC+8), so the
/// same upload classifies alike on every host and in every year; 18-digit numbers outside that range are no ID numbers.</summary>
public class BirthDateTests
{
    [Theory]
    [InlineData("11010520261122001X", "2026-11-22T08:15:30Z", true)] // born on the capture date
    [InlineData("110105202611230015", "2026-11-22T08:15:30Z", false)] // born the day after
    [InlineData("110105202611230015", "2026-11-22T16:00:00Z", true)] // 2026-11-23 00:00 in China
    [InlineData("110105202611230015", "2026-11-23T07:59:59+08:00", true)]
    [InlineData("11010519000101001X", "2026-11-22T08:15:30Z", true)]
    [InlineData("110105189912310015", "2026-11-22T08:15:30Z", false)] // before 1900
    [InlineData("110105188701010018", "2026-11-22T08:15:30Z", false)]
    [InlineData("110105209901010012", "2026-11-22T08:15:30Z", false)]
    public void A_fault_code_is_an_id_number_only_with_a_birth_date_up_to_the_capture_date(string number, string capturedAt, bool isId)
    {
        var upload = Samples.Classify(Upload(capturedAt, $"\"diagnostics\":{{\"dtc\":[\"P0A80\",\"{number}\"]}}", envelopeFirst: true));
        Assert.Equal(isId ? DataLevel.Sensitive : DataLevel.Personal, upload.Level);
        Assert.Equal(isId, !Samples.FragmentText(upload, DataLevel.General).Contains(number, StringComparison.Ordinal));
    }

    [Fact]
    public void The_capture_date_bounds_birth_dates_also_when_it_comes_after_the_text()
    {
        foreach (var envelopeFirst in new[] { true, false })
        {
            var born = Samples.Classify(Upload("2026-11-23T01:00:00+08:00", "\"diagnostics\":{\"dtc\":[\"110105202611230015\"]}", envelopeFirst));
            var unborn = Samples.Classify(Upload("2026-11-22T23:00:00+08:00", "\"diagnostics\":{\"dtc\":[\"110105202611230015\"]}", envelopeFirst));
            Assert.Equal(DataLevel.Sensitive, born.Level);
            Assert.Equal(DataLevel.Personal, unborn.Level);
        }
    }

    [Fact]
    public void Library_callers_without_an_upload_get_birth_dates_up_to_2099()
    {
        Assert.True(Detectors.ValueDetectors.IsValidResidentId("110105209901010012"));
        Assert.False(Detectors.ValueDetectors.IsValidResidentId("110105189912310015"));
    }

    private static string Upload(string capturedAt, string members, bool envelopeFirst)
    {
        const string head = "\"schema\":\"vehicle-upload/1\",\"messageId\":\"m-1\",\"vin\":\"LSJA24U62JG269225\"";
        var captured = $"\"capturedAt\":\"{capturedAt}\"";
        return envelopeFirst ? $"{{{head},{captured},{members}}}" : $"{{{members},{head},{captured}}}";
    }
}
