using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Microsoft.Azure.Amqp;
using Microsoft.Azure.Amqp.Encoding;
using Microsoft.Azure.Amqp.Framing;
using Microsoft.Azure.Amqp.Sasl;
using Microsoft.Azure.Amqp.Transport;

namespace Residency.Cli.Tests.Simulation.Amqp;

/// <summary>
/// A small AMQP 1.0 endpoint on 127.0.0.1 that stands where the Event Hubs emulator would: plain AMQP (what the SDK
/// speaks to a connection string with UseDevelopmentEmulator=true, after SASL mechanism MSSBCBS), CBS put-token
/// answered 200, and every event published to the hub recorded with its body, partition key and application
/// properties. Built on Microsoft.Azure.Amqp's listener, which the SDK brings.
/// </summary>
internal sealed class FakeEventHubsEndpoint : IRuntimeProvider, IDisposable
{
    private const string CbsAddress = "$cbs";
    private const string ManagementAddress = "$management";
    private static readonly AmqpSymbol PartitionKeyAnnotation = "x-opt-partition-key";

    private readonly AmqpConnectionListener _listener;
    private readonly ConcurrentDictionary<string, SendingAmqpLink> _replyLinks = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<ReceivedEvent> _events = new();
    private readonly ConcurrentQueue<string> _requests = new();
    private readonly ConcurrentQueue<Transfer> _transfers = new();
    private long _deliveryTag;

    public FakeEventHubsEndpoint(string hubName, ulong maxMessageSize)
    {
        HubName = hubName;
        MaxMessageSize = maxMessageSize;
        Port = FreeLoopbackPort();
        // The SDK opens with SASL mechanism MSSBCBS (authorization follows over CBS), then AMQP 1.0.
        var version = new AmqpVersion(new Version(1, 0, 0, 0));
        var sasl = new SaslTransportProvider();
        sasl.Versions.Add(version);
        sasl.AddHandler(new SaslAnonymousHandler("MSSBCBS"));
        var amqp = new AmqpTransportProvider();
        amqp.Versions.Add(version);
        var settings = new AmqpSettings { RuntimeProvider = this };
        settings.TransportProviders.Add(sasl);
        settings.TransportProviders.Add(amqp);
        _listener = new AmqpConnectionListener([$"amqp://127.0.0.1:{Port}"], settings, new AmqpConnectionSettings());
        _listener.Open();
    }

    public string HubName { get; }

    /// <summary>The largest message the hub's link accepts: the SDK sizes its batches by it.</summary>
    public ulong MaxMessageSize { get; }

    public int Port { get; }

    /// <summary>The emulator connection string the official Event Hubs emulator documents, pointing here.</summary>
    public string ConnectionString =>
        $"Endpoint=sb://127.0.0.1:{Port};SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=SAS_KEY_VALUE;UseDevelopmentEmulator=true;";

    public IReadOnlyList<ReceivedEvent> Events => [.. _events];

    /// <summary>Requests to $cbs and $management in arrival order, as "operation type name".</summary>
    public IReadOnlyList<string> Requests => [.. _requests];

    /// <summary>Every message published to the hub: one per batch the producer sent.</summary>
    public IReadOnlyList<Transfer> Transfers => [.. _transfers];

    public AmqpConnection CreateConnection(TransportBase transport, ProtocolHeader protocolHeader, bool isInitiator, AmqpSettings amqpSettings, AmqpConnectionSettings connectionSettings)
    {
        ArgumentNullException.ThrowIfNull(connectionSettings);
        connectionSettings.ContainerId = "fake-event-hubs";
        return new AmqpConnection(transport, protocolHeader, false, amqpSettings, connectionSettings);
    }

    public AmqpSession CreateSession(AmqpConnection connection, AmqpSessionSettings settings) => new(connection, settings, this);

    public AmqpLink CreateLink(AmqpSession session, AmqpLinkSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.Role == false)
        {
            // The client receives here: the reply link of a request/response pair, keyed by its reply-to address.
            var replies = new SendingAmqpLink(session, settings);
            _replyLinks[((Target)settings.Target).Address.ToString()!] = replies;
            return replies;
        }

        var address = ((Target)settings.Target).Address.ToString()!;
        settings.MaxMessageSize = MaxMessageSize;
        var link = new ReceivingAmqpLink(session, settings);
        link.RegisterMessageListener(message =>
        {
            try
            {
                if (address == CbsAddress || address == ManagementAddress)
                {
                    Answer(message);
                }
                else
                {
                    Record(address, message);
                }

                link.AcceptMessage(message, true, false);
            }
            catch (Exception ex) when (ex is InvalidOperationException or AmqpException or FormatException)
            {
                link.RejectMessage(message, ex);
            }
            finally
            {
                message.Dispose();
            }
        });
        link.SetTotalLinkCredit(100, true, true);
        return link;
    }

    public IAsyncResult BeginOpenLink(AmqpLink link, TimeSpan timeout, AsyncCallback callback, object state)
    {
        var result = new CompletedResult(state);
        callback(result);
        return result;
    }

    public void EndOpenLink(IAsyncResult result)
    {
    }

    public void Dispose() => _listener.Close();

    private void Answer(AmqpMessage request)
    {
        var properties = request.ApplicationProperties.Map;
        var operation = properties["operation"]?.ToString();
        _requests.Enqueue($"{operation} {properties["type"]} {properties["name"]}");

        // Management requests (GetEventHubProperties and the like) are not needed to publish: "not implemented"
        // makes an SDK that starts needing them fail a test instead of pass by accident.
        var response = AmqpMessage.Create();
        response.ApplicationProperties.Map["status-code"] = operation == "put-token" ? 200 : 501;

        response.Properties.CorrelationId = request.Properties.MessageId;
        var replyTo = request.Properties.ReplyTo.ToString()!;
        _replyLinks[replyTo].SendMessageNoWait(response, NextTag(), AmqpConstants.NullBinary);
    }

    private void Record(string address, AmqpMessage message)
    {
        var isBatch = message.MessageFormat == AmqpConstants.AmqpBatchedMessageFormat;
        var events = isBatch ? message.DataBody.Select(d => Decode((ArraySegment<byte>)d.Value)).ToList() : [message];
        _transfers.Enqueue(new Transfer(address, events.Count, message.SerializedMessageSize));
        foreach (var inner in events)
        {
            var body = inner.DataBody.SelectMany(d => (ArraySegment<byte>)d.Value).ToArray();
            var key = inner.MessageAnnotations.Map[PartitionKeyAnnotation]?.ToString();
            var applicationProperties = inner.ApplicationProperties?.Map.ToDictionary(p => p.Key.ToString()!, p => p.Value?.ToString(), StringComparer.Ordinal)
                ?? [];
            _events.Enqueue(new ReceivedEvent(address, key, body, applicationProperties));
        }
    }

    private static AmqpMessage Decode(ArraySegment<byte> encoded)
    {
        var message = AmqpMessage.CreateAmqpStreamMessage(new BufferListStream([encoded]), true);
        message.Deserialize(SectionFlag.All);
        return message;
    }

    private ArraySegment<byte> NextTag() => new(BitConverter.GetBytes(Interlocked.Increment(ref _deliveryTag)));

    private static int FreeLoopbackPort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    private sealed class CompletedResult(object? state) : IAsyncResult
    {
        public object? AsyncState { get; } = state;

        public WaitHandle AsyncWaitHandle => throw new NotSupportedException();

        public bool CompletedSynchronously => true;

        public bool IsCompleted => true;
    }
}

/// <summary>One message published to the hub: a batch of events (or a single one) and its encoded size.</summary>
internal sealed record Transfer(string Address, int Events, long Bytes);

/// <summary>One event as the endpoint received it: the link address, the partition key annotation, the body and the application properties.</summary>
internal sealed record ReceivedEvent(string Address, string? PartitionKey, byte[] Body, IReadOnlyDictionary<string, string?> Properties);
