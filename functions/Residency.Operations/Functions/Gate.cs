using Microsoft.Azure.Functions.Worker.Http;
using Microsoft.Extensions.Logging;
using Residency.Operations.Auth;
using Residency.Operations.Configuration;
using Residency.Operations.Http;

namespace Residency.Operations.Functions;

/// <summary>The check every function runs first: the caller, or the refusal answer (logged without any request content).</summary>
internal static class Gate
{
    public static async Task<(Caller? Caller, HttpResponseData? Refusal)> CheckAsync(
        HttpRequestData request, OperationsEnvironment environment, ILogger logger, string operation)
    {
        var decision = CallerCheck.Check(request, environment.IsDevelopment);
        if (decision.Caller is { } caller)
        {
            return (caller, null);
        }

        OperationsLog.Refused(logger, operation, (int)decision.Status, decision.Reason!);
        return (null, await Answers.ErrorAsync(request, decision.Status, decision.Reason!).ConfigureAwait(false));
    }
}
