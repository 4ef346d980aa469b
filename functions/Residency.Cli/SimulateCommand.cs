using System.CommandLine;
using System.Globalization;
using Azure.Messaging.EventHubs;
using Azure.Messaging.EventHubs.Producer;
using Residency.Cli.Simulation;
using Residency.Cli.Simulation.EventHubs;
using Residency.Cli.Simulation.Local;

namespace Residency.Cli;

/// <summary>`residency simulate`: a device fleet sending uploads to Event Hubs (the SDK's producer) or to a local handler.</summary>
internal static class SimulateCommand
{
    /// <summary>The environment variable holding the connection string (kept off the command line and out of shell history).</summary>
    public const string ConnectionStringVariable = "RESIDENCY_EVENTHUBS_CONNECTION_STRING";

    private const int UsageError = 2;

    public static Command Create()
    {
        var fleet = new FleetCommandOptions();
        var handler = new Option<string?>("--handler") { Description = "Send to a local custom handler at this base URL (e.g. http://127.0.0.1:7072) in the Functions host's envelope." };
        var partitions = new Option<int>("--partitions") { Description = "Partitions the host emulator spreads events over (with --handler).", DefaultValueFactory = _ => 4 };
        var retries = new Option<int>("--retries") { Description = "How often the host emulator retries a failed batch (with --handler).", DefaultValueFactory = _ => 5 };
        var ns = new Option<string?>("--namespace") { Description = $"Event Hubs namespace in Azure China (e.g. myns{EventHubsResidency.ChinaNamespaceSuffix}); signs in with Entra ID unless --connection-string is given." };
        var hub = new Option<string?>("--hub") { Description = $"Event hub name (default {EventHubsTarget.DefaultHubName}, or the connection string's EntityPath)." };
        var connectionString = new Option<bool>("--connection-string") { Description = $"Use the connection string in {ConnectionStringVariable} (a namespace key, or the development emulator with UseDevelopmentEmulator=true)." };
        var transport = new Option<string>("--transport") { Description = "amqp (AMQP over TCP 5671) or websockets (AMQP over WebSockets, port 443).", DefaultValueFactory = _ => "amqp" };
        transport.AcceptOnlyFromAmong("amqp", "websockets");

        var command = new Command("simulate", "Generate a fleet's uploads (every kind, some gzip, some malformed) and send them to Event Hubs or a local handler.");
        fleet.AddTo(command);
        foreach (var option in new Option[] { handler, partitions, retries, ns, hub, connectionString, transport })
        {
            command.Options.Add(option);
        }

        command.SetAction(async (parse, cancellationToken) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            var options = fleet.Read(parse, allowOversized: parse.GetValue(handler) is not null);
            if (options.Error is { } invalid)
            {
                await error.WriteLineAsync("simulate: " + invalid);
                return UsageError;
            }

            IEventSink sink;
            int chunk;
            using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(5) };
            EventHubProducerClient? producer = null;
            if (parse.GetValue(handler) is { } handlerText)
            {
                if (!Uri.TryCreate(handlerText.EndsWith('/') ? handlerText : handlerText + "/", UriKind.Absolute, out var handlerUri) ||
                    handlerUri.Scheme is not ("http" or "https"))
                {
                    await error.WriteLineAsync("simulate: --handler must be an http(s) URL such as http://127.0.0.1:7072.");
                    return UsageError;
                }

                if (parse.GetValue(ns) is not null || parse.GetValue(connectionString))
                {
                    await error.WriteLineAsync("simulate: give either --handler or an Event Hubs target (--namespace, --connection-string), not both.");
                    return UsageError;
                }

                var emulator = new FunctionsHostEmulator(new FunctionsHandlerClient(http, handlerUri), Math.Max(1, parse.GetValue(partitions)))
                {
                    MaxRetries = Math.Max(0, parse.GetValue(retries)),
                };
                sink = new HandlerSink(emulator);
                chunk = 400;
            }
            else if (parse.GetValue(ns) is not null || parse.GetValue(connectionString))
            {
                var (target, refusal) = ResolveTarget(parse.GetValue(ns), parse.GetValue(hub), parse.GetValue(connectionString));
                if (target is null)
                {
                    await error.WriteLineAsync("simulate: " + refusal);
                    return UsageError;
                }

                var transportType = parse.GetValue(transport) == "websockets" ? EventHubsTransportType.AmqpWebSockets : EventHubsTransportType.AmqpTcp;
                producer = EventHubsProducerFactory.Create(target, transportType);
                await error.WriteLineAsync($"simulate: sending to {target.FullyQualifiedNamespace}/{target.HubName}" +
                    (target.IsDevelopmentEmulator ? " (development emulator)" : string.Empty));
                sink = new EventHubsSink(producer);
                chunk = 500;
            }
            else
            {
                await error.WriteLineAsync("simulate: give a target: --handler URL, --namespace NAME or --connection-string.");
                return UsageError;
            }

            var runner = new SimulationRunner(new FleetGenerator(options.Fleet!), sink, error,
                rewriteProgressLine: ReferenceEquals(error, Console.Error) && !Console.IsErrorRedirected);
            SimulationSummary summary;
            try
            {
                summary = await runner.RunAsync(options.Count, options.Duration, options.Rate, chunk, cancellationToken);
            }
            finally
            {
                if (producer is not null)
                {
                    await producer.DisposeAsync();
                }
            }

            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"simulate: {summary.Generated} events in {summary.Elapsed.TotalSeconds:F1} s: {summary.Accepted} accepted, {summary.Failed} failed, {summary.Batches} batches."));
            await output.WriteLineAsync("  kinds: " + string.Join(", ", summary.ByKind.Select(k => $"{k.Key} {k.Value}")));
            if (summary.ByMalformation.Count > 0)
            {
                await output.WriteLineAsync("  malformed on purpose: " + string.Join(", ", summary.ByMalformation.Select(k => $"{k.Key} {k.Value}")));
            }

            if (summary.LastError is { } last)
            {
                await error.WriteLineAsync("simulate: last error: " + last);
            }

            return summary.Failed > 0 ? 1 : 0;
        });
        return command;
    }

    /// <summary>The Event Hubs target the options name, or why there is none (a usage error or a residency refusal).</summary>
    private static (EventHubsTarget? Target, string? Error) ResolveTarget(string? namespaceText, string? hubName, bool useConnectionString)
    {
        if (!useConnectionString)
        {
            return EventHubsTarget.ForNamespace(namespaceText!, hubName);
        }

        return Environment.GetEnvironmentVariable(ConnectionStringVariable) is { Length: > 0 } value
            ? EventHubsTarget.ForConnectionString(value, namespaceText, hubName)
            : (null, $"--connection-string reads the connection string from {ConnectionStringVariable}, which is not set.");
    }
}
