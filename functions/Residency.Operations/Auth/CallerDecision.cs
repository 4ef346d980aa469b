using System.Net;

namespace Residency.Operations.Auth;

/// <summary>The outcome of <see cref="CallerCheck"/>: a caller, or a status and a reason that names no value the caller sent.</summary>
public sealed record CallerDecision(Caller? Caller, HttpStatusCode Status, string? Reason)
{
    /// <summary>The call may go on as <paramref name="caller"/>.</summary>
    public static CallerDecision Allow(Caller caller) => new(caller, HttpStatusCode.OK, null);

    /// <summary>The call is refused with <paramref name="status"/>.</summary>
    public static CallerDecision Refuse(HttpStatusCode status, string reason) => new(null, status, reason);
}
