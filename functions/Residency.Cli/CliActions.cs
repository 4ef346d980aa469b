using System.CommandLine;

namespace Residency.Cli;

/// <summary>The one way every verb runs: its action, with what it may meet turned into an error line and exit code.</summary>
internal static class CliActions
{
    /// <summary>Sets <paramref name="action"/> as the command's action, guarded by <see cref="CliFailures"/>.</summary>
    public static void SetGuardedAction(this Command command, Func<ParseResult, CancellationToken, Task<int>> action)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            try
            {
                return await action(parse, cancellationToken);
            }
            catch (Exception e) when (CliFailures.TryDescribe(e, out var exitCode, out var lines))
            {
                foreach (var line in lines)
                {
                    await parse.InvocationConfiguration.Error.WriteLineAsync(line);
                }

                return exitCode;
            }
        });
    }

    /// <summary>The same for a synchronous action.</summary>
    public static void SetGuardedAction(this Command command, Func<ParseResult, int> action) =>
        command.SetGuardedAction((parse, _) => Task.FromResult(action(parse)));
}
