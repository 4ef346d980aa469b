namespace Residency.Cli;

/// <summary>The exit codes of every <c>residency</c> verb (README, "Exit codes").</summary>
internal static class ExitCodes
{
    /// <summary>The command did what was asked (also when it found nothing).</summary>
    public const int Success = 0;

    /// <summary>A failure (storage, a refused endpoint, a host that did not start) or findings (audit problems, lost events).</summary>
    public const int Failure = 1;

    /// <summary>The command line is wrong: a parse error, an option out of range, missing or conflicting options, an unusable file it names.</summary>
    public const int Usage = 2;

    /// <summary>The input is invalid where a verb documents it: a policy, an upload (classify), a facts file or calendar (report).</summary>
    public const int InvalidInput = 3;
}
