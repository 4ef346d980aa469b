using Azure.Storage.Blobs;
using Residency.Classification;
using Residency.Storage;

namespace Residency.Functions.Configuration;

/// <summary>The validated settings the handler runs with.</summary>
internal sealed record HandlerConfiguration(
    int Port,
    bool IsDevelopment,
    string Region,
    BlobServiceClient BlobService,
    string StorageAuthentication,
    PseudonymizationKey Key,
    ClassificationPolicy Policy,
    int MaxConcurrency,
    HandlerLimits Limits);
