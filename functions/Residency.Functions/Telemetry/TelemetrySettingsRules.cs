using Microsoft.Extensions.Options;
using Residency.FunctionsHost;

namespace Residency.Functions.Telemetry;

/// <summary>Start-up validation of the telemetry settings, listed with the handler's other setting failures.</summary>
internal sealed class TelemetrySettingsRules(TelemetryExport export) : IValidateOptions<HandlerOptions>
{
    public ValidateOptionsResult Validate(string? name, HandlerOptions options)
    {
        var problems = export.Problems();
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
