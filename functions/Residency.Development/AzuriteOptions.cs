namespace Residency.Development;

/// <summary>
/// How to run Azurite, whichever way it is obtained: plain http with Shared Key (the default), or https with bearer
/// tokens accepted.
/// </summary>
public sealed class AzuriteOptions
{
    /// <summary>PEM certificate for https (with <see cref="KeyPath"/>); null serves plain http.</summary>
    public string? CertificatePath { get; init; }

    /// <summary>PEM private key of <see cref="CertificatePath"/>.</summary>
    public string? KeyPath { get; init; }

    /// <summary>Accept bearer tokens (<c>--oauth basic</c>: issuer, audience and lifetime are checked, the signature is not). Needs https.</summary>
    public bool AcceptBearerTokens { get; init; }

    /// <summary>Keep data in memory instead of a folder.</summary>
    public bool InMemory { get; init; }

    /// <summary>True when Azurite serves https.</summary>
    internal bool Https => CertificatePath is not null;

    /// <summary>Throws when the combination cannot work: https needs a certificate and a key, bearer tokens need https.</summary>
    internal void Validate()
    {
        if (Https != (KeyPath is not null) || (AcceptBearerTokens && !Https))
        {
            throw new ArgumentException("https needs both a certificate and a key, and bearer tokens need https.");
        }
    }

    /// <summary>
    /// The <c>azurite-blob</c> arguments: bound to 127.0.0.1 on <paramref name="port"/>, data in
    /// <paramref name="location"/> (or in memory), with the certificate and key at the paths Azurite will see.
    /// </summary>
    internal List<string> BlobArguments(int port, string location, string? certificatePath, string? keyPath)
    {
        var arguments = new List<string>
        {
            "--blobHost", "127.0.0.1", "--blobPort", port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--silent", "--disableTelemetry",
        };
        arguments.AddRange(InMemory ? ["--inMemoryPersistence"] : ["--location", location]);
        if (certificatePath is not null && keyPath is not null)
        {
            arguments.AddRange(["--cert", certificatePath, "--key", keyPath]);
        }

        if (AcceptBearerTokens)
        {
            arguments.AddRange(["--oauth", "basic"]);
        }

        return arguments;
    }
}
