using System.CommandLine;
using Azure.Storage.Blobs;
using Residency.FunctionsHost;
using Residency.Storage;
using Residency.Storage.Clients;

namespace Residency.Cli.Storage;

/// <summary>
/// The storage options of every verb that reads the residency account (<c>--connection-string</c>,
/// <c>--blob-endpoint</c>, <c>--region</c>, <c>--development</c>) and the client they build: Shared Key or Entra ID,
/// always behind the RegionGuard.
/// </summary>
internal sealed class StorageTarget(CliContext context)
{
    /// <summary>The setting the handler reads too; lets the connection string stay off the command line.</summary>
    public const string ConnectionStringVariable = HandlerSettingNames.StorageConnectionString;

    private readonly Option<string?> _connectionString = new("--connection-string")
    {
        Description = $"Storage connection string (Shared Key); default: the {ConnectionStringVariable} environment variable.",
    };

    private readonly Option<Uri?> _blobEndpoint = new("--blob-endpoint")
    {
        Description = "Blob endpoint, e.g. https://<account>.blob.core.chinacloudapi.cn, reached with Entra ID (DefaultAzureCredential, China authority).",
        CustomParser = result =>
        {
            if (Uri.TryCreate(result.Tokens.Single().Value.Trim(), UriKind.Absolute, out var endpoint))
            {
                return endpoint;
            }

            result.AddError("--blob-endpoint must be an absolute URL such as https://<account>.blob.core.chinacloudapi.cn.");
            return null;
        },
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

    /// <summary>Adds the four options to a command, and the rule that at most one way to the account is given.</summary>
    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { _connectionString, _blobEndpoint, _region, _development })
        {
            command.Options.Add(option);
        }

        command.Validators.Add(result =>
        {
            // Whether the options were given, not their values: a value that did not parse has its own error.
            if (result.GetResult(_connectionString) is not null && result.GetResult(_blobEndpoint) is not null)
            {
                result.AddError("give either --connection-string or --blob-endpoint, not both.");
            }
        });
    }

    /// <summary>The settings the client is built with (region and environment for the RegionGuard).</summary>
    public StorageClientSettings Settings(ParseResult parse) =>
        new() { Region = parse.GetValue(_region)!, IsDevelopment = parse.GetValue(_development) };

    /// <summary>How the account is reached: "Entra ID" or "shared key" (for records of who did what).</summary>
    public string Authentication(ParseResult parse) => parse.GetValue(_blobEndpoint) is null ? "shared key" : "Entra ID";

    /// <summary>The client; a missing or unusable connection string is a usage error, a refused endpoint a failure.</summary>
    public BlobServiceClient Connect(ParseResult parse)
    {
        var settings = Settings(parse);
        if (parse.GetValue(_blobEndpoint) is { } endpoint)
        {
            return ResidencyBlobClients.FromEndpoint(endpoint, StorageCredentials.Default(), settings);
        }

        var connectionString = parse.GetValue(_connectionString) ?? context.Variable(ConnectionStringVariable)
            ?? throw CliException.Usage($"give --connection-string or --blob-endpoint, or set {ConnectionStringVariable}.");
        try
        {
            return ResidencyBlobClients.FromConnectionString(connectionString, settings);
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException)
        {
            // These messages name the bad setting, never the key.
            throw CliException.Usage($"the storage connection string is not usable: {ex.Message}");
        }
    }
}
