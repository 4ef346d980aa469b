namespace Residency.FunctionsHost;

/// <summary>How arrays travel in an invocation request: the host sends them as JSON strings; accept both.</summary>
public enum HostArrayEncoding
{
    /// <summary>Each array is a JSON string holding its serialization (what the host's code does).</summary>
    JsonString,

    /// <summary>Each array is a plain JSON array.</summary>
    JsonArray,
}
