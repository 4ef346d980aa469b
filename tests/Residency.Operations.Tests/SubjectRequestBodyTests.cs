using System.Text;
using Residency.Operations.Requests;
using Xunit;

namespace Residency.Operations.Tests;

/// <summary>The request body's rules; errors name the field, never its value.</summary>
public sealed class SubjectRequestBodyTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 5, 8, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("""{"type":"copy","vin":"LSJA24U62JG269225","ticket":"T-1","requestedAt":"2026-12-01T09:00:00+08:00"}""", "'type'")]
    [InlineData("""{"type":"access","ticket":"T-1","requestedAt":"2026-12-01T09:00:00+08:00"}""", "exactly one")]
    [InlineData("""{"type":"access","vin":"LSJA24U62JG269225","vehicleKey":"00","ticket":"T-1","requestedAt":"2026-12-01T09:00:00+08:00"}""", "exactly one")]
    [InlineData("""{"type":"access","vin":"LSJA24U62JG269225","ticket":"T 1","requestedAt":"2026-12-01T09:00:00+08:00"}""", "'ticket'")]
    [InlineData("""{"type":"access","vin":"LSJA24U62JG269225","ticket":"T-1","requestedAt":"2026-12-01T09:00:00"}""", "'requestedAt'")]
    [InlineData("""{"type":"access","vin":"LSJA24U62JG269225","ticket":"T-1","requestedAt":"2027-01-01T09:00:00Z"}""", "future")]
    [InlineData("""{"type":"access","vehicleKey":"abc","ticket":"T-1","requestedAt":"2026-12-01T09:00:00Z"}""", "'vehicleKey'")]
    [InlineData("""{"type":"access","vin":17,"ticket":"T-1","requestedAt":"2026-12-01T09:00:00Z"}""", "'vin' must be a string")]
    [InlineData("""[1]""", "JSON object")]
    [InlineData("""{"type":""", "JSON object")]
    public void Bad_bodies_name_the_field(string json, string expected)
    {
        Assert.Null(SubjectRequestBody.Parse(Encoding.UTF8.GetBytes(json), StoredVehicles.Key, Now, out var error));
        Assert.Contains(expected, error, StringComparison.Ordinal);
        Assert.DoesNotContain("LSJA24U62JG269225", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_vin_becomes_its_vehicle_key_in_either_case()
    {
        var upper = SubjectRequestBody.Parse("""{"type":"delete","vin":"LSJA24U62JG269225","ticket":"T-1","requestedAt":"2026-12-01T09:00:00.1234+08:00"}"""u8, StoredVehicles.Key, Now, out _)!;
        var lower = SubjectRequestBody.Parse("""{"type":"delete","vin":" lsja24u62jg269225 ","ticket":"T-1","requestedAt":"2026-12-01T01:00:00.123Z"}"""u8, StoredVehicles.Key, Now, out _)!;
        Assert.Equal(StoredVehicles.Key.VehicleKey("LSJA24U62JG269225"), upper.VehicleKey);
        Assert.Equal(upper, lower);
    }

    [Fact]
    public void Ids_come_from_the_ticket()
    {
        // Deterministic: the same ticket, posted again in another process, names the same request.
        var first = SubjectRequestIds.FromTicket("T-1");
        var again = SubjectRequestIds.FromTicket(string.Concat("T-", "1"));
        Assert.Equal(first, again);
        Assert.NotEqual(SubjectRequestIds.FromTicket("T-1"), SubjectRequestIds.FromTicket("T-2"));
        Assert.True(SubjectRequestIds.IsWellFormed(SubjectRequestIds.FromTicket("T-1")));
    }
}
