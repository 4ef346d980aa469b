using System.Diagnostics;

namespace Residency.Development;

/// <summary>A process's peak working set (on Linux the kernel's VmHWM): the most memory it held at once.</summary>
public static class PeakMemory
{
    /// <summary>The peak in bytes, or null when the process has exited.</summary>
    public static long? Of(Process process)
    {
        ArgumentNullException.ThrowIfNull(process);
        try
        {
            process.Refresh();
            return process.HasExited ? null : process.PeakWorkingSet64;
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>The peak of the process with this id, or null when it is gone.</summary>
    public static long? Of(int processId)
    {
        try
        {
            using var process = Process.GetProcessById(processId);
            return Of(process);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }
}
