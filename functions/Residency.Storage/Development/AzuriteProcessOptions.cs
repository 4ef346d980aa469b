namespace Residency.Storage.Development;

/// <summary>How to run Azurite: plain http with Shared Key (the default), or https with bearer tokens accepted.</summary>
public sealed class AzuriteProcessOptions
{
    /// <summary>PEM certificate for https (with <see cref="KeyPath"/>); null serves plain http.</summary>
    public string? CertificatePath { get; init; }

    /// <summary>PEM private key of <see cref="CertificatePath"/>.</summary>
    public string? KeyPath { get; init; }

    /// <summary>Accept bearer tokens (<c>--oauth basic</c>: issuer, audience and lifetime are checked, the signature is not). Needs https.</summary>
    public bool AcceptBearerTokens { get; init; }

    /// <summary>Keep data in memory instead of the temporary folder.</summary>
    public bool InMemory { get; init; }
}
