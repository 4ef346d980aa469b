using Microsoft.Extensions.Configuration;

namespace Residency.Operations.Configuration;

/// <summary>Whether the app runs in Development: read from the platform's setting, never from the <c>Residency</c> section.</summary>
/// <param name="IsDevelopment">True only when <c>AZURE_FUNCTIONS_ENVIRONMENT</c> is <c>Development</c>.</param>
public sealed record OperationsEnvironment(bool IsDevelopment)
{
    /// <summary>Reads the environment from configuration.</summary>
    public static OperationsEnvironment From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return new(string.Equals(configuration[OperationsSettingNames.Environment]?.Trim(), "Development", StringComparison.OrdinalIgnoreCase));
    }
}
