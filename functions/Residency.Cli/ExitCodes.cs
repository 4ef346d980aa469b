namespace Residency.Cli;

/// <summary>Process exit codes of the residency command (design.md section 4).</summary>
internal static class ExitCodes
{
    /// <summary>The upload was classified (or the command succeeded).</summary>
    public const int Success = 0;

    /// <summary>A file could not be read, or the command line was wrong.</summary>
    public const int UsageOrIo = 1;

    /// <summary>The input is not a valid upload; the reason is on stderr.</summary>
    public const int InvalidUpload = 2;

    /// <summary>The policy is invalid; every error is on stderr.</summary>
    public const int InvalidPolicy = 3;
}
