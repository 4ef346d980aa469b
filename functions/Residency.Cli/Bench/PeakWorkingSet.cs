using System.Globalization;

namespace Residency.Cli.Bench;

/// <summary>A process's peak resident set (VmHWM in /proc/{pid}/status): the most memory it held at once.</summary>
internal static class PeakWorkingSet
{
    /// <summary>The peak in bytes, or null where /proc is not there (not Linux) or the process is gone.</summary>
    public static long? Read(int processId)
    {
        var path = $"/proc/{processId.ToString(CultureInfo.InvariantCulture)}/status";
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            foreach (var line in File.ReadLines(path))
            {
                // "VmHWM:	  123456 kB"
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal)
                    && long.TryParse(line["VmHWM:".Length..].Trim().Split(' ')[0], NumberStyles.None, CultureInfo.InvariantCulture, out var kilobytes))
                {
                    return kilobytes * 1024;
                }
            }
        }
        catch (IOException)
        {
            // The process exited while we read.
        }

        return null;
    }
}
