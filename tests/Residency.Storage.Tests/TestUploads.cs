using System.Security.Cryptography;
using System.Text;

namespace Residency.Storage.Tests;

/// <summary>Builds uploads with fresh vehicle keys and message ids so tests sharing one Azurite never meet.</summary>
internal static class TestUploads
{
    public static readonly DateTimeOffset CapturedAt = new(2026, 11, 22, 8, 15, 30, 123, TimeSpan.Zero);

    public static string NewVehicleKey() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));

    public static string Sha256(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    public static UploadToStore Create(
        string? vehicleKey = null, string? messageId = null, long sequenceNumber = 42, params (string Level, string Json)[] fragments)
    {
        var parts = fragments.Length == 0
            ? [("general", "{\"signals\":{\"speedKph\":62.5}}"), ("personal", "{\"vin\":\"LSJA24U62JG269225\"}")]
            : fragments;
        return new UploadToStore(
            messageId ?? Guid.NewGuid().ToString(),
            vehicleKey ?? NewVehicleKey(),
            CapturedAt,
            "vehicle-upload/1",
            new string('a', 64),
            parts.Select(p => new FragmentToStore(p.Level, p.Level + "-data", Encoding.UTF8.GetBytes(p.Json))).ToList(),
            new SourcePosition("p" + Guid.NewGuid().ToString("N")[..12], sequenceNumber, "12345", CapturedAt.AddSeconds(2)));
    }
}
