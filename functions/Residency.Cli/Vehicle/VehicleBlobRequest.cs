using Azure;
using Azure.Identity;
using Residency.Storage;

namespace Residency.Cli.Vehicle;

/// <summary>
/// Lists every blob tagged <c>vehicle=&lt;key&gt;</c> across the account, then exports and/or deletes them.
/// Errors show status and error code only: storage messages may repeat the request, and with it the vehicle key.
/// </summary>
internal sealed class VehicleBlobRequest(BlobRestClient client, TextWriter output, TextWriter error)
{
    /// <summary>The tag every stored fragment (and every conflict quarantine entry) carries with the vehicle key.</summary>
    public const string VehicleTag = "vehicle";

    public async Task<int> RunAsync(string vehicleKey, string? exportDirectory, bool delete, CancellationToken cancellationToken)
    {
        try
        {
            var found = await FindAsync(vehicleKey, cancellationToken);
            Print(found);
            var ok = true;
            if (exportDirectory is not null)
            {
                ok = await ExportAsync(found, exportDirectory, cancellationToken);
            }

            if (delete)
            {
                if (!ok)
                {
                    error.WriteLine("error: the export failed, so nothing was deleted.");
                    return VehicleExitCodes.Failure;
                }

                ok = await DeleteAsync(found, cancellationToken);
            }

            return ok ? VehicleExitCodes.Success : VehicleExitCodes.Failure;
        }
        catch (RequestFailedException ex)
        {
            error.WriteLine(ex.Status == 0
                ? "error: storage could not be reached."
                : $"error: storage answered {ex.Status} {ex.ErrorCode ?? "(no error code)"}.");
            return VehicleExitCodes.Failure;
        }
        catch (AggregateException ex) when (ex.InnerExceptions.All(inner => inner is RequestFailedException))
        {
            // Azure.Core's retry policy gives up with every attempt's failure (e.g. connection refused).
            error.WriteLine($"error: storage could not be reached ({ex.InnerExceptions.Count} attempts failed).");
            return VehicleExitCodes.Failure;
        }
        catch (AuthenticationFailedException)
        {
            error.WriteLine("error: no Entra ID token for storage (az login with AzureChinaCloud, managed identity or AZURE_* variables; authority https://login.chinacloudapi.cn).");
            return VehicleExitCodes.Failure;
        }
    }

    private async Task<List<FoundBlob>> FindAsync(string vehicleKey, CancellationToken cancellationToken)
    {
        var found = new List<FoundBlob>();
        await foreach (var item in client.GetBlobsByTagsAsync(BlobTags.WhereEquals((VehicleTag, vehicleKey)), cancellationToken))
        {
            // Find by Tags returns only the matched tag: read the rest for the level and capture time.
            IReadOnlyDictionary<string, string> tags;
            try
            {
                tags = (await client.GetTagsAsync(item.ContainerName, item.Name, cancellationToken)).Value;
            }
            catch (RequestFailedException ex) when (ex.Status == 404)
            {
                continue; // deleted since the tag index saw it
            }

            found.Add(new FoundBlob(item.ContainerName, item.Name, tags.GetValueOrDefault("level", "-"), tags.GetValueOrDefault("captured", "-")));
        }

        found.Sort((a, b) => string.CompareOrdinal(a.Path, b.Path));
        return found;
    }

    private void Print(List<FoundBlob> found)
    {
        foreach (var blob in found)
        {
            output.WriteLine($"{blob.Path}  level={blob.Level}  captured={blob.Captured}");
        }

        foreach (var group in found.GroupBy(blob => blob.Container, StringComparer.Ordinal))
        {
            output.WriteLine($"{group.Key}: {group.Count()}");
        }

        output.WriteLine($"found {found.Count} blob{(found.Count == 1 ? string.Empty : "s")} for this vehicle.");
    }

    private async Task<bool> ExportAsync(List<FoundBlob> found, string directory, CancellationToken cancellationToken)
    {
        var root = Path.GetFullPath(directory);
        try
        {
            foreach (var blob in found)
            {
                var path = Path.GetFullPath(Path.Combine(root, blob.Container, blob.Name));
                if (!path.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
                {
                    error.WriteLine($"error: {blob.Path} would be written outside {root}; not exported.");
                    return false;
                }

                var download = await client.GetBlobAsync(blob.Container, blob.Name, cancellationToken);
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                await File.WriteAllBytesAsync(path, download.Value.Content.ToArray(), cancellationToken);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"error: cannot write the export under {root}: {ex.GetType().Name}.");
            return false;
        }

        output.WriteLine($"exported {found.Count} blob{(found.Count == 1 ? string.Empty : "s")} to {root}");
        return true;
    }

    private async Task<bool> DeleteAsync(List<FoundBlob> found, CancellationToken cancellationToken)
    {
        var deleted = 0;
        var failed = 0;
        foreach (var blob in found)
        {
            if (blob.Container == ResidencyContainers.Audit)
            {
                output.WriteLine($"kept {blob.Path} (the audit ledger is never deleted)");
                continue;
            }

            try
            {
                var existed = (await client.DeleteBlobIfExistsAsync(blob.Container, blob.Name, cancellationToken)).Value;
                output.WriteLine(existed ? $"deleted {blob.Path}" : $"already gone {blob.Path}");
                deleted += existed ? 1 : 0;
            }
            catch (RequestFailedException ex) when (ex.Status is >= 400 and < 500)
            {
                // E.g. an immutability policy or legal hold: report it and go on with the rest.
                error.WriteLine($"error: could not delete {blob.Path}: {ex.Status} {ex.ErrorCode ?? "(no error code)"}");
                failed++;
            }
        }

        output.WriteLine($"deleted {deleted} blob{(deleted == 1 ? string.Empty : "s")}{(failed > 0 ? $", {failed} could not be deleted" : string.Empty)}.");
        return failed == 0;
    }

    private sealed record FoundBlob(string Container, string Name, string Level, string Captured)
    {
        public string Path => $"{Container}/{Name}";
    }
}
