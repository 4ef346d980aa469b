using Residency.Development;

namespace Residency.Cli;

/// <summary>
/// What a verb reads from the process besides its arguments: environment variables and the clock. The program passes
/// the real ones; tests pass their own, so no test changes process-wide state.
/// </summary>
internal sealed class CliContext(Func<string, string?> environment, TimeProvider time)
{
    /// <summary>The process's environment and the system clock.</summary>
    public static CliContext Process { get; } = new(Environment.GetEnvironmentVariable, TimeProvider.System);

    /// <summary>The clock progress throttles and receipts read.</summary>
    public TimeProvider Time { get; } = time;

    /// <summary>An environment variable's value, or null when unset or blank.</summary>
    public string? Variable(string name) => environment(name) is { } value && !string.IsNullOrWhiteSpace(value) ? value : null;

    /// <summary>How to obtain Azurite, from these variables.</summary>
    public AzuriteSettings Azurite => AzuriteSettings.From(Variable);

    /// <summary>A context with these variables instead of the process's (tests).</summary>
    public static CliContext With(IReadOnlyDictionary<string, string> variables, TimeProvider? time = null) =>
        new(name => variables.GetValueOrDefault(name), time ?? TimeProvider.System);
}
