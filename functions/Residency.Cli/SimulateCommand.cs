using System.CommandLine;
using System.Globalization;
using Azure.Messaging.EventHubs;
using Azure.Messaging.EventHubs.Producer;
using Residency.Cli.Simulation;
using Residency.Cli.Simulation.EventHubs;
using Residency.Cli.Simulation.Local;
using Residency.FunctionsHost;

namespace Residency.Cli;

/// <summary>`residency simulate`: a device fleet sending uploads to Event Hubs (the SDK's producer) or to a local handler.</summary>
internal static class SimulateCommand
{
    /// <summary>The environment variable holding the connection string (kept off the command line and out of shell history).</summary>
    public const string ConnectionStringVariable = "RESIDENCY_EVENTHUBS_CONNECTION_STRING";

    public static Command Create(CliContext context)
    {
        var fleet = new FleetCommandOptions();
        var handler = new Option<Uri?>("--handler")
        {
            Description = "Send to a local custom handler at this base URL (e.g. http://127.0.0.1:7072) in the Functions host's envelope.",
            CustomParser = result => Uri.TryCreate(result.Tokens.Single().Value.TrimEnd('/') + "/", UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
                ? uri
                : Fail(result, "--handler must be an http(s) URL such as http://127.0.0.1:7072."),
        };
        var partitions = new Option<int>("--partitions") { Description = "Partitions the host emulator spreads events over (with --handler).", DefaultValueFactory = _ => 4 }.Within(1, 1024);
        var retries = new Option<int>("--retries") { Description = "How often the host emulator retries a failed batch (with --handler).", DefaultValueFactory = _ => 5 }.Within(0, 100);
        var ns = new Option<string?>("--namespace") { Description = $"Event Hubs namespace in Azure China (e.g. myns{EventHubsResidency.ChinaNamespaceSuffix}); signs in with Entra ID unless --connection-string is given." };
        var hub = new Option<string?>("--hub") { Description = $"Event hub name (default {EventHubsTarget.DefaultHubName}, or the connection string's EntityPath)." };
        var connectionString = new Option<bool>("--connection-string") { Description = $"Use the connection string in {ConnectionStringVariable} (a namespace key, or the development emulator with UseDevelopmentEmulator=true)." };
        var transport = new Option<string>("--transport") { Description = "amqp (AMQP over TCP 5671) or websockets (AMQP over WebSockets, port 443).", DefaultValueFactory = _ => "amqp" };
        transport.AcceptOnlyFromAmong("amqp", "websockets");

        var command = new Command("simulate", "Generate a fleet's uploads (every kind, some gzip, some malformed) and send them to Event Hubs or a local handler (exit 0 all accepted, 1 failures or a refused target, 2 usage).");
        fleet.AddTo(command);
        foreach (var option in new Option[] { handler, partitions, retries, ns, hub, connectionString, transport })
        {
            command.Options.Add(option);
        }

        command.Validators.Add(result =>
        {
            // Whether the options were given, not their values: a value that did not parse has its own error.
            var eventHubs = result.GetResult(ns) is not null || result.GetResult(connectionString) is not null;
            if (result.GetResult(handler) is not null == eventHubs)
            {
                result.AddError(eventHubs
                    ? "give either --handler or an Event Hubs target (--namespace, --connection-string), not both."
                    : "give a target: --handler URL, --namespace NAME or --connection-string.");
            }
        });

        command.SetGuardedAction(async (parse, cancellationToken) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            var options = fleet.Read(parse, allowOversized: parse.GetValue(handler) is not null);
            using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(5) };
            await using var producer = parse.GetValue(handler) is null
                ? CreateProducer(context, parse.GetValue(ns), parse.GetValue(hub), parse.GetValue(connectionString), parse.GetValue(transport)!, error)
                : null;
            IEventSink sink = producer is not null
                ? new EventHubsSink(producer)
                : new HandlerSink(new FunctionsHostEmulator(new HostInvocationClient(http, parse.GetValue(handler)!), parse.GetValue(partitions))
                {
                    MaxRetries = parse.GetValue(retries),
                });

            var runner = SimulationRunner.ToError(new FleetGenerator(options.Fleet), sink, error, context.Time);
            var summary = await runner.RunAsync(options.Count, options.Duration, options.Rate, producer is null ? 400 : 500, cancellationToken);

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

            return summary.Failed > 0 ? ExitCodes.Failure : ExitCodes.Success;
        });
        return command;
    }

    /// <summary>The producer for the Event Hubs target the options name; a malformed target is a usage error, a refused one a failure.</summary>
    private static EventHubProducerClient CreateProducer(
        CliContext context, string? namespaceText, string? hubName, bool useConnectionString, string transport, TextWriter error)
    {
        var (target, problem, refused) = useConnectionString
            ? context.Variable(ConnectionStringVariable) is { } value
                ? EventHubsTarget.ForConnectionString(value, namespaceText, hubName)
                : (null, $"--connection-string reads the connection string from {ConnectionStringVariable}, which is not set.", false)
            : EventHubsTarget.ForNamespace(namespaceText!, hubName);
        if (target is null)
        {
            throw refused ? new CliException(ExitCodes.Failure, "refused: " + problem) : CliException.Usage(problem!);
        }

        error.WriteLine($"simulate: sending to {target.FullyQualifiedNamespace}/{target.HubName}" + (target.IsDevelopmentEmulator ? " (development emulator)" : string.Empty));
        return EventHubsProducerFactory.Create(target, transport == "websockets" ? EventHubsTransportType.AmqpWebSockets : EventHubsTransportType.AmqpTcp);
    }

    private static Uri? Fail(System.CommandLine.Parsing.ArgumentResult result, string message)
    {
        result.AddError(message);
        return null;
    }
}
