using System.Runtime;

namespace Residency.Functions.Admission;

/// <summary>
/// Hands memory back to the operating system after a large request (a quarter of the request limit or more): once
/// nothing is in flight, one aggressive full collection decommits what its buffers grew the heap to. Ordinary host
/// batches (a few MB) never pay for it.
/// </summary>
internal static class MemoryRelief
{
    public static void AfterRequest(long requestBytes, long maxRequestBytes, InvocationAdmission admission)
    {
        if (requestBytes < Math.Max(4L * 1024 * 1024, maxRequestBytes / 4) || admission.BytesInFlight > 0)
        {
            return;
        }

        GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
    }
}
