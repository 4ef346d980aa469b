using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;

namespace Residency.Reporting.Infra;

/// <summary>
/// What the report takes from a compiled ARM parameters file (<c>bicep build-params infra/main.prod.bicepparam</c>):
/// the region (<c>location</c>), zone redundancy, the retention days per level (<c>retentionDays</c>) and the audit
/// container's immutability (<c>auditImmutabilityDays</c>). A parameter the file does not set takes main.bicep's default,
/// which the report does not read: it is then taken from the facts file, or shown as to be completed.
/// </summary>
public sealed record ArmParameters(
    string File, string Sha256, string? Location, bool? ZoneRedundant, IReadOnlyDictionary<string, int> RetentionDays, int? AuditImmutabilityDays)
{
    /// <summary>Reads the file; throws <see cref="FormatException"/> naming the file when it is not a deployment parameters document.</summary>
    public static ArmParameters Load(string path)
    {
        var bytes = System.IO.File.ReadAllBytes(path);
        try
        {
            using var document = JsonDocument.Parse(bytes);
            var parameters = document.RootElement.GetProperty("parameters");
            var retention = new SortedDictionary<string, int>(StringComparer.Ordinal);
            if (Value(parameters, "retentionDays") is { ValueKind: JsonValueKind.Object } days)
            {
                foreach (var level in days.EnumerateObject())
                {
                    retention[level.Name] = level.Value.GetInt32();
                }
            }

            return new ArmParameters(
                Path.GetFileName(path),
                Convert.ToHexStringLower(SHA256.HashData(bytes)),
                Value(parameters, "location")?.GetString(),
                Value(parameters, "zoneRedundant")?.GetBoolean(),
                retention,
                Value(parameters, "auditImmutabilityDays")?.GetInt32());
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new FormatException(string.Create(CultureInfo.InvariantCulture,
                $"{path} is not a compiled ARM parameters file (bicep build-params output with a \"parameters\" object)."), e);
        }
    }

    // A parameter set in the file: {"value": ...}; a Key Vault reference or an absent one gives null.
    private static JsonElement? Value(JsonElement parameters, string name) =>
        parameters.TryGetProperty(name, out var parameter) && parameter.TryGetProperty("value", out var value) ? value : null;
}
