namespace Residency.Classification;

/// <summary>The data levels of docs/architecture.md, ordered from least to most protected.</summary>
public enum DataLevel
{
    /// <summary>Identifies no one: vehicle signals, firmware, diagnostics.</summary>
    General = 0,

    /// <summary>Identifies an owner, driver, passenger or bystander.</summary>
    Personal = 1,

    /// <summary>Sensitive personal information (PIPL Art. 28): whereabouts, biometrics, cabin media, ID and bank numbers.</summary>
    Sensitive = 2,

    /// <summary>Important data under the automotive provisions (Art. 3).</summary>
    Important = 3,
}
