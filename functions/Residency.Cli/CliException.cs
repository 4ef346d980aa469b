namespace Residency.Cli;

/// <summary>A verb stops with this exit code and message (one line, plus detail lines such as every policy error).</summary>
internal sealed class CliException : Exception
{
    public CliException()
        : this(ExitCodes.Failure, "the command failed.")
    {
    }

    public CliException(string message)
        : this(ExitCodes.Failure, message)
    {
    }

    public CliException(string message, Exception innerException)
        : base(message, innerException)
    {
        ExitCode = ExitCodes.Failure;
        Details = [];
    }

    public CliException(int exitCode, string message, IReadOnlyList<string>? details = null)
        : base(message)
    {
        ExitCode = exitCode;
        Details = details ?? [];
    }

    /// <summary>The process exit code.</summary>
    public int ExitCode { get; }

    /// <summary>Lines printed under the message, indented.</summary>
    public IReadOnlyList<string> Details { get; }

    /// <summary>A usage error (exit 2).</summary>
    public static CliException Usage(string message) => new(ExitCodes.Usage, message);

    /// <summary>Invalid input where the verb documents it (exit 3).</summary>
    public static CliException InvalidInput(string message, IReadOnlyList<string>? details = null) => new(ExitCodes.InvalidInput, message, details);
}
