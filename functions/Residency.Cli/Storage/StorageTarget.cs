using Residency.Storage;

namespace Residency.Cli.Vehicle;

/// <summary>Builds the Blob client of a vehicle request: connection string or Entra ID, always behind the RegionGuard.</summary>
internal static class VehicleStorage
{
    /// <summary>The setting the handler reads too; lets the connection string stay off the command line.</summary>
    public const string ConnectionStringVariable = "Residency__StorageConnectionString";

    /// <summary>Where to connect, as given on the command line.</summary>
    public sealed record Target(string? ConnectionString, string? BlobEndpoint, string Region, bool IsDevelopment);

    /// <summary>The client, or null and the exit code after an error that shows no secret.</summary>
    public static (BlobRestClient? Client, int ExitCode) Connect(Target target, TextWriter error)
    {
        if (target.ConnectionString is not null && target.BlobEndpoint is not null)
        {
            error.WriteLine("error: give either --connection-string or --blob-endpoint, not both.");
            return (null, VehicleExitCodes.Usage);
        }

        Uri endpoint;
        StorageSharedKeyCredential? sharedKey = null;
        if (target.BlobEndpoint is not null)
        {
            if (!Uri.TryCreate(target.BlobEndpoint.Trim(), UriKind.Absolute, out endpoint!))
            {
                error.WriteLine("error: --blob-endpoint must be an absolute URL such as https://<account>.blob.core.chinacloudapi.cn.");
                return (null, VehicleExitCodes.Usage);
            }
        }
        else
        {
            var connectionString = target.ConnectionString ?? Environment.GetEnvironmentVariable(ConnectionStringVariable);
            if (string.IsNullOrWhiteSpace(connectionString))
            {
                error.WriteLine($"error: give --connection-string or --blob-endpoint, or set {ConnectionStringVariable}.");
                return (null, VehicleExitCodes.Usage);
            }

            try
            {
                var parsed = StorageConnectionString.Parse(connectionString);
                endpoint = parsed.BlobEndpoint;
                sharedKey = parsed.Credential;
            }
            catch (Exception ex) when (ex is FormatException or ArgumentException)
            {
                // These messages name the bad setting, never the key.
                error.WriteLine($"error: the storage connection string is not usable: {ex.Message}");
                return (null, VehicleExitCodes.Usage);
            }
        }

        try
        {
            RegionGuard.EnsureAllowed(endpoint, target.Region, target.IsDevelopment);
        }
        catch (ResidencyViolationException ex)
        {
            error.WriteLine($"error: refused: {ex.Message}");
            return (null, VehicleExitCodes.Failure);
        }

        var client = sharedKey is not null
            ? new BlobRestClient(endpoint, sharedKey)
            : new BlobRestClient(endpoint, StorageCredentials.Default());
        return (client, VehicleExitCodes.Success);
    }
}
