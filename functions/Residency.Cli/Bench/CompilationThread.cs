using System.Globalization;

namespace Residency.Cli.Bench;

/// <summary>
/// The CPU time of a .NET process's tiered-compilation thread, the one that recompiles hot methods while an instance warms
/// up, read from /proc. It shows how much of a row's handler CPU is warm-up rather than work per event. Linux only
/// (null elsewhere, or when the process has exited).
/// </summary>
internal static class CompilationThread
{
    // The runtime names the thread ".NET Tiered Compilation Worker"; the kernel keeps its first 15 bytes.
    private const string ThreadName = ".NET Tiered Com";

    // /proc reports CPU in clock ticks of USER_HZ, which Linux fixes at 100 per second for user space.
    private const double TicksPerSecond = 100;

    public static TimeSpan? CpuTime(int processId)
    {
        var tasks = $"/proc/{processId}/task";
        if (!Directory.Exists(tasks))
        {
            return null;
        }

        try
        {
            foreach (var task in Directory.EnumerateDirectories(tasks))
            {
                if (File.ReadAllText(Path.Combine(task, "comm")).TrimEnd('\n') == ThreadName)
                {
                    return Ticks(File.ReadAllText(Path.Combine(task, "stat")));
                }
            }
        }
        catch (IOException)
        {
            return null; // the process or the thread exited while being read
        }

        return TimeSpan.Zero; // no such thread yet: nothing recompiled
    }

    /// <summary>utime + stime from a /proc task stat line (fields 14 and 15; the name in parentheses may hold spaces).</summary>
    internal static TimeSpan Ticks(string stat)
    {
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return TimeSpan.FromSeconds(ticks / TicksPerSecond);
    }
}
