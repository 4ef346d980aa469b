using System.Text.Json.Serialization;

namespace Residency.Classification;

/// <summary>The data levels of docs/architecture.md, ordered from least to most protected.</summary>
public enum DataLevel
{
    /// <summary>Identifies no one: vehicle signals, firmware, diagnostics.</summary>
    [JsonStringEnumMemberName("general")]
    General = 0,

    /// <summary>Identifies an owner, driver, passenger or bystander.</summary>
    [JsonStringEnumMemberName("personal")]
    Personal = 1,

    /// <summary>Sensitive personal information (PIPL Art. 28): whereabouts, biometrics, cabin media, ID and bank numbers.</summary>
    [JsonStringEnumMemberName("sensitive")]
    Sensitive = 2,

    /// <summary>Important data under the automotive provisions (Art. 3).</summary>
    [JsonStringEnumMemberName("important")]
    Important = 3,
}
