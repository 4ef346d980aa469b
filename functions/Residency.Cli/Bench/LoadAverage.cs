namespace Residency.Cli.Bench;

/// <summary>The machine's load averages over 1, 5 and 15 minutes (/proc/loadavg): how noisy the run's neighbours were.</summary>
internal static class LoadAverage
{
    /// <summary>"1.20 0.85 0.60", or "unknown" where /proc is not there.</summary>
    public static string Read()
    {
        try
        {
            var fields = File.ReadAllText("/proc/loadavg").Split(' ', StringSplitOptions.RemoveEmptyEntries);
            return fields.Length >= 3 ? string.Join(' ', fields[..3]) : "unknown";
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return "unknown";
        }
    }
}
