using System.Globalization;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Residency.Storage.Pipeline;

/// <summary>Stamps every attempt with the pinned service version and a fresh x-ms-date (a retry must not reuse a stale date).</summary>
internal sealed class StorageHeadersPolicy : HttpPipelineSynchronousPolicy
{
    private readonly TimeProvider _timeProvider;

    public StorageHeadersPolicy(TimeProvider? timeProvider = null) => _timeProvider = timeProvider ?? TimeProvider.System;

    public override void OnSendingRequest(HttpMessage message)
    {
        message.Request.Headers.SetValue("x-ms-version", BlobRestClientOptions.ServiceVersion);
        message.Request.Headers.SetValue(
            "x-ms-date", _timeProvider.GetUtcNow().ToString("R", CultureInfo.InvariantCulture));
    }
}
