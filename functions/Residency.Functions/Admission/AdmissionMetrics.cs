using Residency.Ingest.Telemetry;

namespace Residency.Functions.Admission;

/// <summary>Counts invocations not admitted on arrival: the handler never answers a refusal, it makes them wait.</summary>
internal static class AdmissionMetrics
{
    /// <summary>Over the invocation or byte limit on arrival: the request waits before its body is read.</summary>
    public const string Queued = "queued";

    /// <summary>The caller gave up while the request waited.</summary>
    public const string Abandoned = "abandoned";

    public static void Refused(string result) =>
        IngestTelemetry.AdmissionRefusals.Add(1, new KeyValuePair<string, object?>(TelemetryNames.AdmissionResultTag, result));
}
