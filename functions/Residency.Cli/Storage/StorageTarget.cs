using System.CommandLine;
using Azure.Storage.Blobs;
using Residency.Cli.Vehicle;
using Residency.Storage;

namespace Residency.Cli.Storage;

/// <summary>
/// The storage options shared by <c>vehicle find</c> and <c>audit verify</c> (<c>--connection-string</c>,
/// <c>--blob-endpoint</c>, <c>--region</c>, <c>--development</c>) and the client they build: Shared Key or Entra ID,
/// always behind the RegionGuard.
/// </summary>
internal sealed class StorageTarget
{
    /// <summary>The setting the handler reads too; lets the connection string stay off the command line.</summary>
    public const string ConnectionStringVariable = "Residency__StorageConnectionString";

    private readonly Option<string?> _connectionString = new("--connection-string")
    {
        Description = $"Storage connection string (Shared Key); default: the {ConnectionStringVariable} environment variable.",
    };

    private readonly Option<string?> _blobEndpoint = new("--blob-endpoint")
    {
        Description = "Blob endpoint, e.g. https://<account>.blob.core.chinacloudapi.cn, reached with Entra ID (DefaultAzureCredential, China authority).",
    };

    private readonly Option<string> _region = new("--region")
    {
        Description = "Region of the account, checked by the RegionGuard.",
        DefaultValueFactory = _ => "chinanorth3",
    };

    private readonly Option<bool> _development = new("--development")
    {
        Description = "Allow a loopback endpoint (Azurite); without it only Azure China endpoints are accepted.",
    };

    /// <summary>Adds the four options to a command.</summary>
    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { _connectionString, _blobEndpoint, _region, _development })
        {
            command.Options.Add(option);
        }
    }

    /// <summary>The client, or null and the exit code after an error that shows no secret.</summary>
    public (BlobServiceClient? Client, int ExitCode) Connect(ParseResult parse, TextWriter error)
    {
        var connectionString = parse.GetValue(_connectionString);
        var blobEndpoint = parse.GetValue(_blobEndpoint);
        var settings = new StorageClientSettings { Region = parse.GetValue(_region)!, IsDevelopment = parse.GetValue(_development) };
        if (connectionString is not null && blobEndpoint is not null)
        {
            error.WriteLine("error: give either --connection-string or --blob-endpoint, not both.");
            return (null, VehicleExitCodes.Usage);
        }

        try
        {
            if (blobEndpoint is not null)
            {
                if (!Uri.TryCreate(blobEndpoint.Trim(), UriKind.Absolute, out var endpoint))
                {
                    error.WriteLine("error: --blob-endpoint must be an absolute URL such as https://<account>.blob.core.chinacloudapi.cn.");
                    return (null, VehicleExitCodes.Usage);
                }

                return (ResidencyBlobClients.FromEndpoint(endpoint, StorageCredentials.Default(), settings), VehicleExitCodes.Success);
            }

            connectionString ??= Environment.GetEnvironmentVariable(ConnectionStringVariable);
            if (string.IsNullOrWhiteSpace(connectionString))
            {
                error.WriteLine($"error: give --connection-string or --blob-endpoint, or set {ConnectionStringVariable}.");
                return (null, VehicleExitCodes.Usage);
            }

            try
            {
                return (ResidencyBlobClients.FromConnectionString(connectionString, settings), VehicleExitCodes.Success);
            }
            catch (Exception ex) when (ex is FormatException or ArgumentException)
            {
                // These messages name the bad setting, never the key.
                error.WriteLine($"error: the storage connection string is not usable: {ex.Message}");
                return (null, VehicleExitCodes.Usage);
            }
        }
        catch (ResidencyViolationException ex)
        {
            error.WriteLine($"error: refused: {ex.Message}");
            return (null, VehicleExitCodes.Failure);
        }
    }
}
