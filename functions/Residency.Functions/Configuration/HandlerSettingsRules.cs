using Microsoft.Extensions.Options;
using Residency.FunctionsHost;

namespace Residency.Functions.Configuration;

/// <summary>
/// The rules across settings, checked at start-up by building what the settings describe: the port, the storage client
/// behind the RegionGuard, the pseudonymization key and the policy. Every message names the setting, never its value.
/// </summary>
internal sealed class HandlerSettingsRules(HandlerEnvironment environment) : IValidateOptions<HandlerOptions>
{
    public ValidateOptionsResult Validate(string? name, HandlerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        if (environment.PortError is { } port)
        {
            errors.Add(port);
        }

        if (options.MaxInFlightMegabytes < options.MaxRequestMegabytes)
        {
            errors.Add($"{HandlerSettingNames.MaxInFlightMegabytes} must be at least {HandlerSettingNames.MaxRequestMegabytes}.");
        }

        if (options.StorageNetworkTimeoutSeconds > options.StorageBudgetSeconds)
        {
            errors.Add($"{HandlerSettingNames.StorageNetworkTimeoutSeconds} must not exceed {HandlerSettingNames.StorageBudgetSeconds}.");
        }

        Check(errors, () => HandlerParts.CreateStorage(options, environment));
        Check(errors, () => HandlerParts.CreateKey(options, environment));
        Check(errors, () => HandlerParts.LoadPolicy(options));
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void Check(List<string> errors, Func<object> build)
    {
        try
        {
            build();
        }
        catch (HandlerSettingException e)
        {
            errors.Add(e.Message);
        }
    }
}
