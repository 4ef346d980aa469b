using System.Globalization;
using Residency.FunctionsHost;

namespace Residency.Functions.Configuration;

/// <summary>
/// What the Functions host and the platform tell the handler outside its own section: the environment, the port to
/// listen on and the user-assigned identity. Not bindable from the <c>Residency</c> section, so no app setting of
/// ours can switch Development on.
/// </summary>
internal sealed class HandlerEnvironment
{
    /// <summary>The port used when the handler is started outside the Functions host.</summary>
    public const int DefaultPort = 7072;

    public HandlerEnvironment(IConfiguration configuration)
    {
        IsDevelopment = string.Equals(Read(configuration, HandlerSettingNames.Environment), "Development", StringComparison.OrdinalIgnoreCase);
        AzureClientId = Read(configuration, HandlerSettingNames.AzureClientId);
        var name = Read(configuration, HandlerSettingNames.Port) is null ? HandlerSettingNames.LegacyPort : HandlerSettingNames.Port;
        var text = Read(configuration, name);

        // 0 asks for any free port (tests).
        if (text is null)
        {
            Port = DefaultPort;
        }
        else if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port <= 65535)
        {
            Port = port;
        }
        else
        {
            PortError = $"{name} is not a port number.";
        }
    }

    public bool IsDevelopment { get; }

    public int Port { get; }

    /// <summary>Why the port setting cannot be used, or null.</summary>
    public string? PortError { get; }

    public string? AzureClientId { get; }

    /// <summary>A setting's trimmed value, or null when it is unset or blank (an empty app setting counts as unset).</summary>
    public static string? Read(IConfiguration configuration, string settingName)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var value = configuration[HandlerSettingNames.Key(settingName)];
        return string.IsNullOrWhiteSpace(value) ? null : value.Trim();
    }
}
