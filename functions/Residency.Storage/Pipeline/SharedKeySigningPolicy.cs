using System.Globalization;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Residency.Storage.Pipeline;

/// <summary>Signs each attempt with Shared Key; runs per retry, after <see cref="StorageHeadersPolicy"/> set the date.</summary>
internal sealed class SharedKeySigningPolicy : HttpPipelineSynchronousPolicy
{
    private readonly StorageSharedKeyCredential _credential;

    public SharedKeySigningPolicy(StorageSharedKeyCredential credential) => _credential = credential;

    public override void OnSendingRequest(HttpMessage message)
    {
        var request = message.Request;
        var stringToSign = SharedKeyCanonicalizer.BuildStringToSign(
            _credential.AccountName, request.Method.Method, request.Uri.ToUri(), request.Headers, ContentLengthOnTheWire(request));
        request.Headers.SetValue(
            HttpHeader.Names.Authorization,
            $"SharedKey {_credential.AccountName}:{_credential.ComputeSignature(stringToSign)}");
    }

    // The transport derives Content-Length from the body; sign the same number it will send.
    private static long? ContentLengthOnTheWire(Request request)
    {
        if (request.Headers.TryGetValue(HttpHeader.Names.ContentLength, out var header) &&
            long.TryParse(header, NumberStyles.None, CultureInfo.InvariantCulture, out var declared))
        {
            return declared;
        }

        return request.Content is not null && request.Content.TryComputeLength(out var length) ? length : null;
    }
}
