namespace Residency.Cli.Report;

/// <summary>
/// Finds the Chromium that prints report.pdf: <c>--chromium</c>, else <see cref="Variable"/>, else <c>chromium</c> or
/// <c>chromium-browser</c> on PATH (Debian's package). Never downloads one.
/// </summary>
internal static class ChromiumLocator
{
    /// <summary>The environment variable naming the Chromium executable.</summary>
    public const string Variable = "RESIDENCY_CHROMIUM";

    private static readonly string[] Names = ["chromium", "chromium-browser"];

    /// <summary>How to get one, in one line.</summary>
    public const string HowToInstall =
        "install Debian's chromium (apt-get install -y chromium) or name an executable with --chromium PATH or " + Variable;

    /// <summary>The executable, or null when none is found; a named one that does not exist is a usage error.</summary>
    public static string? Find(string? option, CliContext context)
    {
        if ((option ?? context.Variable(Variable)) is { } named)
        {
            return File.Exists(named) ? Path.GetFullPath(named) : throw CliException.Usage($"the Chromium executable {named} does not exist.");
        }

        var path = context.Variable("PATH") ?? string.Empty;
        return path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .SelectMany(dir => Names.Select(name => Path.Combine(dir, name)))
            .FirstOrDefault(File.Exists);
    }
}
