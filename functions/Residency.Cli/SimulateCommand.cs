using System.CommandLine;
using System.Globalization;
using Azure;
using Azure.Identity;
using Residency.Cli.Simulation;
using Residency.Cli.Simulation.EventHubs;
using Residency.Cli.Simulation.Local;

namespace Residency.Cli;

/// <summary>`residency simulate`: a device fleet sending uploads to Event Hubs (REST) or to a local handler.</summary>
internal static class SimulateCommand
{
    /// <summary>The environment variable holding the SAS key (kept off the command line and out of shell history).</summary>
    public const string SasKeyVariable = "RESIDENCY_EVENTHUBS_SAS_KEY";

    public static Command Create()
    {
        var fleet = new FleetCommandOptions();
        var handler = new Option<string?>("--handler") { Description = "Send to a local custom handler at this base URL (e.g. http://127.0.0.1:7072) in the Functions host's envelope." };
        var partitions = new Option<int>("--partitions") { Description = "Partitions the host emulator spreads events over (with --handler).", DefaultValueFactory = _ => 4 };
        var retries = new Option<int>("--retries") { Description = "How often the host emulator retries a failed batch (with --handler).", DefaultValueFactory = _ => 5 };
        var ns = new Option<string?>("--namespace") { Description = "Event Hubs namespace (e.g. myns.servicebus.chinacloudapi.cn) to send to over REST." };
        var hub = new Option<string>("--hub") { Description = "Event hub name.", DefaultValueFactory = _ => "vehicle-uploads" };
        var sasKeyName = new Option<string?>("--sas-key-name") { Description = $"Shared access policy name; the key is read from {SasKeyVariable}." };
        var entra = new Option<bool>("--entra") { Description = "Authenticate with an Entra token (DefaultAzureCredential, China authority) instead of SAS." };
        var scope = new Option<string>("--token-scope") { Description = "Token scope for --entra.", DefaultValueFactory = _ => new EventHubsRestClientOptions().TokenScope };

        var command = new Command("simulate", "Generate a fleet's uploads (every kind, some gzip, some malformed) and send them to Event Hubs or a local handler.");
        fleet.AddTo(command);
        foreach (var option in new Option[] { handler, partitions, retries, ns, hub, sasKeyName, entra, scope })
        {
            command.Options.Add(option);
        }

        command.SetAction(async (parse, cancellationToken) =>
        {
            var options = fleet.Read(parse, allowOversized: parse.GetValue(handler) is not null);
            if (options.Error is { } error)
            {
                await Console.Error.WriteLineAsync("simulate: " + error);
                return 2;
            }

            IEventSink sink;
            int chunk;
            using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(5) };
            if (parse.GetValue(handler) is { } handlerText)
            {
                if (!Uri.TryCreate(handlerText.EndsWith('/') ? handlerText : handlerText + "/", UriKind.Absolute, out var handlerUri) ||
                    handlerUri.Scheme is not ("http" or "https"))
                {
                    await Console.Error.WriteLineAsync("simulate: --handler must be an http(s) URL such as http://127.0.0.1:7072.");
                    return 2;
                }

                if (parse.GetValue(ns) is not null)
                {
                    await Console.Error.WriteLineAsync("simulate: give either --handler or --namespace, not both.");
                    return 2;
                }

                var emulator = new FunctionsHostEmulator(new FunctionsHandlerClient(http, handlerUri), Math.Max(1, parse.GetValue(partitions)))
                {
                    MaxRetries = Math.Max(0, parse.GetValue(retries)),
                };
                sink = new HandlerSink(emulator);
                chunk = 400;
            }
            else if (parse.GetValue(ns) is { } namespaceName)
            {
                var endpoint = namespaceName.Contains("://", StringComparison.Ordinal) ? new Uri(namespaceName) : new Uri("https://" + namespaceName);
                var clientOptions = new EventHubsRestClientOptions { TokenScope = parse.GetValue(scope)! };
                EventHubsRestClient client;
                if (parse.GetValue(entra))
                {
                    var credentialOptions = new DefaultAzureCredentialOptions();
                    if (Environment.GetEnvironmentVariable("AZURE_AUTHORITY_HOST") is null)
                    {
                        credentialOptions.AuthorityHost = AzureAuthorityHosts.AzureChina;
                    }

                    client = new EventHubsRestClient(endpoint, parse.GetValue(hub)!, new DefaultAzureCredential(credentialOptions), clientOptions);
                }
                else if (parse.GetValue(sasKeyName) is { } keyName && Environment.GetEnvironmentVariable(SasKeyVariable) is { Length: > 0 } key)
                {
                    client = new EventHubsRestClient(endpoint, parse.GetValue(hub)!, new AzureNamedKeyCredential(keyName, key), clientOptions);
                }
                else
                {
                    await Console.Error.WriteLineAsync($"simulate: with --namespace give --entra, or --sas-key-name and the key in {SasKeyVariable}.");
                    return 2;
                }

                sink = new EventHubsSink(client);
                chunk = 500;
            }
            else
            {
                await Console.Error.WriteLineAsync("simulate: give a target: --handler URL or --namespace NAME.");
                return 2;
            }

            var runner = SimulationRunner.ToStandardError(new FleetGenerator(options.Fleet!), sink);
            var summary = await runner.RunAsync(options.Count, options.Duration, options.Rate, chunk, cancellationToken);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"simulate: {summary.Generated} events in {summary.Elapsed.TotalSeconds:F1} s: {summary.Accepted} accepted, {summary.Failed} failed, {summary.Requests} requests."));
            Console.WriteLine("  kinds: " + string.Join(", ", summary.ByKind.Select(k => $"{k.Key} {k.Value}")));
            if (summary.ByMalformation.Count > 0)
            {
                Console.WriteLine("  malformed on purpose: " + string.Join(", ", summary.ByMalformation.Select(k => $"{k.Key} {k.Value}")));
            }

            if (summary.LastError is { } last)
            {
                await Console.Error.WriteLineAsync("simulate: last error: " + last);
            }

            return summary.Failed > 0 ? 1 : 0;
        });
        return command;
    }
}
