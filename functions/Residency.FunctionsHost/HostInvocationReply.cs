using System.Text;
using Residency.Ingest;

namespace Residency.FunctionsHost;

/// <summary>What came back from one invocation: the HTTP status, the content type, the raw body and, when the body has the
/// host's shape, the parsed response.</summary>
public sealed record HostInvocationReply(int StatusCode, string? ContentType, byte[] Body, HostInvocationResponse? Response)
{
    /// <summary>True for a 2xx answer in the host's shape: the host would checkpoint the batch.</summary>
    public bool Succeeded => StatusCode is >= 200 and < 300 && Response is not null;

    /// <summary>The batch outcome, when the handler returned one.</summary>
    public IngestOutcome? Outcome => Response?.Outcome;

    /// <summary>The Logs lines (empty when the body was not the host's shape).</summary>
    public IReadOnlyList<string> Logs => Response?.Logs ?? [];

    /// <summary>The body as text (for assertions and diagnostics; it never holds upload content).</summary>
    public string BodyText => Encoding.UTF8.GetString(Body);

    /// <summary>The reply when the handler could not be reached at all.</summary>
    public static HostInvocationReply Unreachable(string reason) => new(0, null, [], new HostInvocationResponse([reason], null));
}
