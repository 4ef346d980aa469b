using System.Net;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using Azure.Core;
using Azure.Core.Pipeline;
using Residency.Development;
using Residency.Storage.Clients;
using Residency.Testing;
using Xunit;

namespace Residency.Storage.Tests;

/// <summary>
/// The TokenCredential path end to end: a real Azurite of its own over https with <c>--oauth basic</c> (issuer,
/// audience and lifetime checked), a container or a process like every other (the certificate and key are copied into
/// the container). Only the token issuer is stood in for, since Entra ID cannot run here.
/// </summary>
public sealed class BearerTokenTests : IAsyncLifetime
{
    private readonly string _certificateFolder = Directory.CreateTempSubdirectory("azurite-tls-").FullName;
    private X509Certificate2? _certificate;
    private IAzurite? _azurite;

    public async Task InitializeAsync()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(san.Build());
        _certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        var certificatePath = Path.Combine(_certificateFolder, "cert.pem");
        var keyPath = Path.Combine(_certificateFolder, "key.pem");
        await File.WriteAllTextAsync(certificatePath, _certificate.ExportCertificatePem());
        await File.WriteAllTextAsync(keyPath, key.ExportPkcs8PrivateKeyPem());
        _azurite = await TestAzurite.StartOwnAsync(new AzuriteOptions
        {
            CertificatePath = certificatePath,
            KeyPath = keyPath,
            AcceptBearerTokens = true,
            InMemory = true,
        });
    }

    public async Task DisposeAsync()
    {
        Directory.Delete(_certificateFolder, recursive: true);
        _certificate?.Dispose();
        if (_azurite is not null)
        {
            await _azurite.DisposeAsync();
        }
    }

    [Fact]
    public async Task Bearer_token_for_the_storage_scope_commits_a_batch_and_verify_reads_it()
    {
        var credential = new IssuedTokenCredential("https://sts.chinacloudapi.cn/00000000-0000-0000-0000-000000000001/", "https://storage.azure.com");
        var client = ResidencyBlobClients.FromEndpoint(_azurite!.BlobEndpoint, credential, TrustingOnly(_certificate!));
        var store = new ResidencyStore(client, StorageClientSettings.Development);
        var partition = TestBatches.NewPartition();

        await store.EnsureContainersAsync();
        await store.CommitBatchAsync(TestBatches.Batch(partition, TestBatches.Events(0, 9)));

        await StoreAssertions.VerifyCleanAsync(client, partition, 10);
        Assert.NotEmpty(credential.RequestedScopes);
        Assert.All(credential.RequestedScopes, scopes => Assert.Equal(["https://storage.azure.com/.default"], scopes));
    }

    [Fact]
    public async Task Token_from_an_unknown_issuer_is_storage_unavailable()
    {
        var client = ResidencyBlobClients.FromEndpoint(
            _azurite!.BlobEndpoint, new IssuedTokenCredential("https://issuer.example/", "https://storage.azure.com"), TrustingOnly(_certificate!));
        var store = new ResidencyStore(client, StorageClientSettings.Development);

        var e = await Assert.ThrowsAsync<StorageUnavailableException>(() => store.EnsureContainersAsync());

        Assert.Equal(403, e.Status);
        Assert.Equal("AuthenticationFailed", e.ErrorCode);
    }

    private static StorageClientSettings TrustingOnly(X509Certificate2 certificate)
    {
        var handler = new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions
            {
                // Trust exactly the test's self-signed loopback certificate, nothing else.
                RemoteCertificateValidationCallback = (_, presented, _, errors) =>
                    errors == SslPolicyErrors.None || presented?.GetCertHashString() == certificate.GetCertHashString(),
            },
        };
        return new StorageClientSettings { IsDevelopment = true, MaxRetries = 0, Transport = new HttpClientTransport(handler) };
    }

    /// <summary>Issues an unsigned JWT with the given issuer and audience and records the scopes asked for.</summary>
    private sealed class IssuedTokenCredential(string issuer, string audience) : TokenCredential
    {
        private readonly List<string[]> _requestedScopes = [];

        public IReadOnlyList<string[]> RequestedScopes
        {
            get
            {
                lock (_requestedScopes)
                {
                    return [.. _requestedScopes];
                }
            }
        }

        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken)
        {
            lock (_requestedScopes)
            {
                _requestedScopes.Add(requestContext.Scopes);
            }

            var now = DateTimeOffset.UtcNow;
            var header = Base64Url("{\"alg\":\"RS256\",\"typ\":\"JWT\"}"u8.ToArray());
            var payload = Base64Url(JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object>
            {
                ["iss"] = issuer,
                ["aud"] = audience,
                ["iat"] = now.AddMinutes(-5).ToUnixTimeSeconds(),
                ["nbf"] = now.AddMinutes(-5).ToUnixTimeSeconds(),
                ["exp"] = now.AddHours(1).ToUnixTimeSeconds(),
            }));
            return new AccessToken($"{header}.{payload}.{Base64Url(Encoding.UTF8.GetBytes("unsigned"))}", now.AddHours(1));
        }

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            new(GetToken(requestContext, cancellationToken));

        private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }
}
