using System.Globalization;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Residency.Storage.Pipeline;

namespace Residency.Storage;

/// <summary>
/// A small Blob service REST client on Azure.Core's <see cref="HttpPipeline"/>: retries with exponential backoff,
/// client request ids and diagnostics come from the pipeline; failures surface as <see cref="RequestFailedException"/>
/// carrying the service's error code.
/// </summary>
public sealed class BlobRestClient
{
    /// <summary>The token scope for Azure Storage (valid in Azure China too).</summary>
    public const string StorageScope = "https://storage.azure.com/.default";

    private readonly HttpPipeline _pipeline;

    /// <summary>Creates a client that authenticates with Entra ID tokens (managed identity in Azure).</summary>
    public BlobRestClient(Uri accountEndpoint, TokenCredential credential, BlobRestClientOptions? options = null)
        : this(accountEndpoint, new BearerTokenAuthenticationPolicy(
            credential ?? throw new ArgumentNullException(nameof(credential)), StorageScope), options)
    {
    }

    /// <summary>Creates a client that signs every request with Shared Key (Azurite, or accounts with shared keys enabled).</summary>
    public BlobRestClient(Uri accountEndpoint, StorageSharedKeyCredential credential, BlobRestClientOptions? options = null)
        : this(accountEndpoint, new SharedKeySigningPolicy(
            credential ?? throw new ArgumentNullException(nameof(credential))), options)
    {
    }

    private BlobRestClient(Uri accountEndpoint, HttpPipelinePolicy authenticationPolicy, BlobRestClientOptions? options)
    {
        ArgumentNullException.ThrowIfNull(accountEndpoint);
        if (!accountEndpoint.IsAbsoluteUri)
        {
            throw new ArgumentException("The blob endpoint must be an absolute URI.", nameof(accountEndpoint));
        }

        AccountEndpoint = new Uri(accountEndpoint.GetLeftPart(UriPartial.Path).TrimEnd('/'));
        _pipeline = HttpPipelineBuilder.Build(
            options ?? new BlobRestClientOptions(),
            perCallPolicies: [],
            // Date and version first, then the signature over them: both run again on every retry.
            perRetryPolicies: [new StorageHeadersPolicy(), authenticationPolicy],
            responseClassifier: new ResponseClassifier());
    }

    /// <summary>The account's blob endpoint (for Azurite, path-style: <c>http://127.0.0.1:port/devstoreaccount1</c>).</summary>
    public Uri AccountEndpoint { get; }

    /// <summary>Creates a client from a connection string (Shared Key), see <see cref="StorageConnectionString.Parse"/>.</summary>
    public static BlobRestClient FromConnectionString(string connectionString, BlobRestClientOptions? options = null)
    {
        var parsed = StorageConnectionString.Parse(connectionString);
        return new BlobRestClient(parsed.BlobEndpoint, parsed.Credential, options);
    }

    /// <summary>Creates the container unless it exists; the value is true when this call created it.</summary>
    public async Task<Response<bool>> CreateContainerIfNotExistsAsync(string containerName, CancellationToken cancellationToken = default)
    {
        using var message = CreateMessage(RequestMethod.Put, containerName, blobName: null);
        message.Request.Uri.AppendQuery("restype", "container");
        var response = await SendAsync(message, cancellationToken).ConfigureAwait(false);
        if (response.Status == 201)
        {
            return Response.FromValue(true, response);
        }

        if (response.Status == 409 && BlobResponses.ErrorCode(response) == "ContainerAlreadyExists")
        {
            return Response.FromValue(false, response);
        }

        throw Failure(response);
    }

    /// <summary>Deletes the container; the value is false when it did not exist.</summary>
    public async Task<Response<bool>> DeleteContainerIfExistsAsync(string containerName, CancellationToken cancellationToken = default)
    {
        using var message = CreateMessage(RequestMethod.Delete, containerName, blobName: null);
        message.Request.Uri.AppendQuery("restype", "container");
        var response = await SendAsync(message, cancellationToken).ConfigureAwait(false);
        return response.Status switch
        {
            202 => Response.FromValue(true, response),
            404 => Response.FromValue(false, response),
            _ => throw Failure(response),
        };
    }

    /// <summary>
    /// Put Blob (block blob, one request) with content type, metadata and index tags. With
    /// <see cref="BlobUploadOptions.OnlyIfNotExists"/> an existing blob is never replaced: 409 <c>BlobAlreadyExists</c>.
    /// </summary>
    public async Task<Response<BlobContentInfo>> PutBlockBlobAsync(
        string containerName, string blobName, BinaryData content, BlobUploadOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        BlobRequestRules.EnsureBlobName(blobName);
        options ??= new BlobUploadOptions();
        using var message = CreateMessage(RequestMethod.Put, containerName, blobName);
        var request = message.Request;
        request.Headers.SetValue("x-ms-blob-type", "BlockBlob");
        request.Headers.SetValue(HttpHeader.Names.ContentType, options.ContentType ?? "application/octet-stream");
        foreach (var (name, value) in options.Metadata ?? new Dictionary<string, string>())
        {
            BlobRequestRules.EnsureMetadata(name, value);
            request.Headers.SetValue("x-ms-meta-" + name, value);
        }

        if (options.Tags is { Count: > 0 } tags)
        {
            BlobTags.Validate(tags);
            request.Headers.SetValue("x-ms-tags", BlobTags.ToHeaderValue(tags));
        }

        if (options.OnlyIfNotExists)
        {
            request.Headers.SetValue(HttpHeader.Names.IfNoneMatch, "*");
        }

        request.Content = RequestContent.Create(content);
        var response = await SendAsync(message, cancellationToken).ConfigureAwait(false);
        if (response.Status != 201)
        {
            throw Failure(response);
        }

        return Response.FromValue(new BlobContentInfo(BlobResponses.ETag(response), BlobResponses.LastModified(response)), response);
    }

    /// <summary>Get Blob Properties (HEAD): system properties and metadata, without the content.</summary>
    public async Task<Response<BlobProperties>> GetPropertiesAsync(
        string containerName, string blobName, CancellationToken cancellationToken = default)
    {
        BlobRequestRules.EnsureBlobName(blobName);
        using var message = CreateMessage(RequestMethod.Head, containerName, blobName);
        var response = await SendAsync(message, cancellationToken).ConfigureAwait(false);
        if (response.Status != 200)
        {
            throw Failure(response);
        }

        return Response.FromValue(BlobResponses.Properties(response), response);
    }

    /// <summary>Get Blob with its properties and metadata, then its index tags (a second request when it has any).</summary>
    public async Task<Response<BlobDownloadResult>> GetBlobAsync(
        string containerName, string blobName, CancellationToken cancellationToken = default)
    {
        BlobRequestRules.EnsureBlobName(blobName);
        using var message = CreateMessage(RequestMethod.Get, containerName, blobName);
        var response = await SendAsync(message, cancellationToken).ConfigureAwait(false);
        if (response.Status != 200)
        {
            throw Failure(response);
        }

        var properties = BlobResponses.Properties(response);
        var tags = properties.TagCount > 0
            ? (await GetTagsAsync(containerName, blobName, cancellationToken).ConfigureAwait(false)).Value
            : new Dictionary<string, string>(StringComparer.Ordinal);
        return Response.FromValue(new BlobDownloadResult(response.Content, properties, tags), response);
    }

    /// <summary>Get Blob Tags.</summary>
    public async Task<Response<IReadOnlyDictionary<string, string>>> GetTagsAsync(
        string containerName, string blobName, CancellationToken cancellationToken = default)
    {
        BlobRequestRules.EnsureBlobName(blobName);
        using var message = CreateMessage(RequestMethod.Get, containerName, blobName);
        message.Request.Uri.AppendQuery("comp", "tags");
        var response = await SendAsync(message, cancellationToken).ConfigureAwait(false);
        if (response.Status != 200)
        {
            throw Failure(response);
        }

        return Response.FromValue(BlobXml.ReadTags(response.Content), response);
    }

    /// <summary>One page of List Blobs (flat, with metadata and tag counts); pass the previous page's marker to continue.</summary>
    public async Task<Response<BlobPage<BlobItem>>> ListBlobsAsync(
        string containerName, string? prefix = null, string? marker = null, int? maxResults = null,
        CancellationToken cancellationToken = default)
    {
        using var message = CreateMessage(RequestMethod.Get, containerName, blobName: null);
        var uri = message.Request.Uri;
        uri.AppendQuery("restype", "container");
        uri.AppendQuery("comp", "list");
        uri.AppendQuery("include", "metadata");
        AppendPaging(uri, prefix, marker, maxResults);
        var response = await SendAsync(message, cancellationToken).ConfigureAwait(false);
        if (response.Status != 200)
        {
            throw Failure(response);
        }

        return Response.FromValue(BlobXml.ReadBlobList(response.Content), response);
    }

    /// <summary>Every blob under <paramref name="prefix"/>, following continuation markers page by page.</summary>
    public AsyncPageable<BlobItem> GetBlobsAsync(string containerName, string? prefix = null, CancellationToken cancellationToken = default) =>
        new MarkerPageable<BlobItem>(
            async (marker, size, ct) =>
            {
                var page = await ListBlobsAsync(containerName, prefix, marker, size, ct).ConfigureAwait(false);
                return Page<BlobItem>.FromValues(page.Value.Items, page.Value.NextMarker, page.GetRawResponse());
            },
            cancellationToken);

    /// <summary>
    /// One page of Find Blobs by Tags across the account, e.g. <c>"vehicle"='ab12'</c> (see <see cref="BlobTags.WhereEquals"/>).
    /// In Azure the tag index trails writes by a moment; Azurite answers at once.
    /// </summary>
    public async Task<Response<BlobPage<TaggedBlobItem>>> FindBlobsByTagsAsync(
        string tagFilterSqlExpression, string? marker = null, int? maxResults = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(tagFilterSqlExpression);
        using var message = CreateMessage(RequestMethod.Get, containerName: null, blobName: null);
        var uri = message.Request.Uri;
        uri.AppendQuery("comp", "blobs");
        uri.AppendQuery("where", tagFilterSqlExpression);
        AppendPaging(uri, prefix: null, marker, maxResults);
        var response = await SendAsync(message, cancellationToken).ConfigureAwait(false);
        if (response.Status != 200)
        {
            throw Failure(response);
        }

        return Response.FromValue(BlobXml.ReadTaggedBlobList(response.Content), response);
    }

    /// <summary>Every blob matching the tag filter, following continuation markers page by page.</summary>
    public AsyncPageable<TaggedBlobItem> GetBlobsByTagsAsync(string tagFilterSqlExpression, CancellationToken cancellationToken = default) =>
        new MarkerPageable<TaggedBlobItem>(
            async (marker, size, ct) =>
            {
                var page = await FindBlobsByTagsAsync(tagFilterSqlExpression, marker, size, ct).ConfigureAwait(false);
                return Page<TaggedBlobItem>.FromValues(page.Value.Items, page.Value.NextMarker, page.GetRawResponse());
            },
            cancellationToken);

    /// <summary>Deletes a blob (and its snapshots); the value is false when it did not exist.</summary>
    public async Task<Response<bool>> DeleteBlobIfExistsAsync(
        string containerName, string blobName, CancellationToken cancellationToken = default)
    {
        BlobRequestRules.EnsureBlobName(blobName);
        using var message = CreateMessage(RequestMethod.Delete, containerName, blobName);
        message.Request.Headers.SetValue("x-ms-delete-snapshots", "include");
        var response = await SendAsync(message, cancellationToken).ConfigureAwait(false);
        return response.Status switch
        {
            202 => Response.FromValue(true, response),
            404 when BlobResponses.ErrorCode(response) == "BlobNotFound" => Response.FromValue(false, response),
            _ => throw Failure(response),
        };
    }

    /// <summary>Deletes a blob (and its snapshots); 404 <c>BlobNotFound</c> when it does not exist.</summary>
    public async Task<Response> DeleteBlobAsync(string containerName, string blobName, CancellationToken cancellationToken = default)
    {
        var result = await DeleteBlobIfExistsAsync(containerName, blobName, cancellationToken).ConfigureAwait(false);
        return result.Value ? result.GetRawResponse() : throw Failure(result.GetRawResponse());
    }

    private HttpMessage CreateMessage(RequestMethod method, string? containerName, string? blobName)
    {
        var message = _pipeline.CreateMessage();
        message.Request.Method = method;
        message.Request.Uri.Reset(AccountEndpoint);
        if (containerName is not null)
        {
            BlobRequestRules.EnsureContainerName(containerName);
            message.Request.Uri.AppendPath("/" + containerName, escape: false);
        }
        else
        {
            message.Request.Uri.AppendPath("/", escape: false);
        }

        if (blobName is not null)
        {
            // Escape each segment, keep the slashes: virtual folders stay folders.
            message.Request.Uri.AppendPath(
                "/" + string.Join('/', blobName.Split('/').Select(Uri.EscapeDataString)), escape: false);
        }

        return message;
    }

    private async Task<Response> SendAsync(HttpMessage message, CancellationToken cancellationToken)
    {
        await _pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
        return message.Response;
    }

    private static void AppendPaging(RequestUriBuilder uri, string? prefix, string? marker, int? maxResults)
    {
        if (!string.IsNullOrEmpty(prefix))
        {
            uri.AppendQuery("prefix", prefix);
        }

        if (!string.IsNullOrEmpty(marker))
        {
            uri.AppendQuery("marker", marker);
        }

        if (maxResults is { } max)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(max, 1, nameof(maxResults));
            uri.AppendQuery("maxresults", max.ToString(CultureInfo.InvariantCulture));
        }
    }

    private static RequestFailedException Failure(Response response) =>
        new(response, innerException: null, StorageErrorParser.Instance);
}
