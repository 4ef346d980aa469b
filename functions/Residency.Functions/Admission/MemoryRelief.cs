using System.Runtime;

namespace Residency.Functions.Admission;

/// <summary>
/// Hands memory back to the operating system after a large request: once nothing is in flight, one aggressive full
/// collection decommits what the request's buffers grew the heap to. Small requests never pay for it.
/// </summary>
internal static class MemoryRelief
{
    /// <summary>Requests at least this large are followed by the collection.</summary>
    public const long LargeRequestBytes = 16L * 1024 * 1024;

    public static void AfterRequest(long requestBytes, InvocationAdmission admission)
    {
        if (requestBytes < LargeRequestBytes || admission.BytesInFlight > 0)
        {
            return;
        }

        GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
    }
}
