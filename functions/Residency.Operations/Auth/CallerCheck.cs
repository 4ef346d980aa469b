using System.Net;
using Microsoft.Azure.Functions.Worker.Http;

namespace Residency.Operations.Auth;

/// <summary>
/// Decides whether a call may go on: it needs the app role <see cref="RequiredRole"/> in the principal Easy Auth put in
/// front of the app. A function key alone is not enough (the functions are anonymous at the host; this check is the
/// gate). The one exception is Development on loopback, where no Easy Auth runs.
/// </summary>
public static class CallerCheck
{
    /// <summary>The app role the privacy team's callers are given in the API's app registration.</summary>
    public const string RequiredRole = "PrivacyOperator";

    /// <summary>The caller, or the refusal: 401 without a principal (or a malformed one), 403 without the role.</summary>
    public static CallerDecision Check(HttpRequestData request, bool isDevelopment)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!request.Headers.TryGetValues(ClientPrincipal.Header, out var values) || values.FirstOrDefault() is not { Length: > 0 } header)
        {
            return isDevelopment && IsLoopback(request.Url)
                ? CallerDecision.Allow(new Caller(Caller.DevelopmentCaller))
                : CallerDecision.Refuse(HttpStatusCode.Unauthorized, "authentication required: call through App Service authentication with an Entra token (a function key alone is not accepted).");
        }

        var principal = ClientPrincipal.TryParse(header);
        var objectId = principal?.ObjectId
            ?? (request.Headers.TryGetValues(ClientPrincipal.IdHeader, out var ids) ? ids.FirstOrDefault() : null);
        if (principal is null || string.IsNullOrWhiteSpace(objectId))
        {
            return CallerDecision.Refuse(HttpStatusCode.Unauthorized, "the client principal is not readable or names no object id.");
        }

        return principal.Roles.Contains(RequiredRole)
            ? CallerDecision.Allow(new Caller(objectId))
            : CallerDecision.Refuse(HttpStatusCode.Forbidden, $"the app role {RequiredRole} is required.");
    }

    private static bool IsLoopback(Uri url) =>
        url.IsLoopback || (IPAddress.TryParse(url.Host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));
}
