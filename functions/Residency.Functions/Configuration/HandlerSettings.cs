using System.Globalization;
using System.Reflection;
using Microsoft.Extensions.Options;
using Residency.FunctionsHost;

namespace Residency.Functions.Configuration;

/// <summary>
/// Registers the handler's settings the Options way: <see cref="HandlerOptions"/> bound from the <c>Residency</c>
/// section, validated at start (ranges, then the rules across settings) so a bad setting stops the app before the host
/// sends it work, and the parts built from them (storage, key, policy, limits) as singletons.
/// </summary>
internal static class HandlerSettings
{
    public static IServiceCollection AddHandlerSettings(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(new HandlerEnvironment(configuration));
        services.AddOptions<HandlerOptions>()
            .Configure(options => Bind(configuration.GetSection(HandlerOptions.Section), options))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<HandlerOptions>, HandlerOptionsValidator>();
        services.AddSingleton<IValidateOptions<HandlerOptions>, HandlerSettingsRules>();
        services.AddSingleton(s => HandlerParts.CreateStorage(Options(s), s.GetRequiredService<HandlerEnvironment>()));
        services.AddSingleton(s => HandlerParts.CreateKey(Options(s), s.GetRequiredService<HandlerEnvironment>()));
        services.AddSingleton(s => HandlerParts.LoadPolicy(Options(s)));
        services.AddSingleton(s => HandlerParts.Limits(Options(s)));
        return services;
    }

    private static HandlerOptions Options(IServiceProvider services) => services.GetRequiredService<IOptions<HandlerOptions>>().Value;

    // An empty app setting counts as unset and values are trimmed. The configuration binder stops at the first value
    // that is not a number and quotes it; check every number first, naming only the setting, then bind.
    private static void Bind(IConfigurationSection section, HandlerOptions options)
    {
        var values = section.AsEnumerable(makePathsRelative: true)
            .Where(v => !string.IsNullOrWhiteSpace(v.Value))
            .ToDictionary(v => v.Key, v => (string?)v.Value!.Trim(), StringComparer.OrdinalIgnoreCase);
        var errors = typeof(HandlerOptions).GetProperties()
            .Where(p => p.PropertyType == typeof(int) && values.TryGetValue(p.Name, out var text)
                && !int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _))
            .Select(p => p.GetCustomAttribute<SettingRangeAttribute>()!.Message(p.Name))
            .ToList();
        if (errors.Count > 0)
        {
            throw new OptionsValidationException(Microsoft.Extensions.Options.Options.DefaultName, typeof(HandlerOptions), errors);
        }

        new ConfigurationBuilder().AddInMemoryCollection(values).Build().Bind(options);
    }
}
