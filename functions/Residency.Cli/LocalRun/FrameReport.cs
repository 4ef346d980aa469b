using System.Globalization;
using System.Text.Json;
using Azure.Storage.Blobs;
using Residency.Frames;
using Residency.Storage;
using Residency.Storage.Batches;

namespace Residency.Cli.LocalRun;

/// <summary>
/// What the local run shows of the frame stage: the exterior frames the handler stored, what it blurred (from each frame's
/// <c>deidentification</c> record), and every stored frame run through the same detectors again, which must find nothing.
/// </summary>
internal static class FrameReport
{
    public static async Task<bool> PrintAsync(BlobServiceClient blobs, TextWriter output, CancellationToken cancellationToken)
    {
        var totals = new Totals();
        using var detectors = new FrameDeidentifier();
        foreach (var level in new[] { ResidencyContainers.Important, ResidencyContainers.Sensitive })
        {
            var container = blobs.GetBlobContainerClient(level);
            await foreach (var item in container.GetBlobsAsync(cancellationToken: cancellationToken))
            {
                var content = await container.GetBlobClient(item.Name).DownloadContentAsync(cancellationToken);
                foreach (var line in LevelBlobReader.ReadLines(content.Value.Content.ToMemory()))
                {
                    using var document = JsonDocument.Parse(line.Json);
                    if (document.RootElement.TryGetProperty("camera", out var frames) && frames.ValueKind == JsonValueKind.Array)
                    {
                        foreach (var frame in frames.EnumerateArray())
                        {
                            totals.Add(level, frame, detectors);
                        }
                    }
                }
            }
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  exterior frames:    {totals.Frames} de-identified by the handler: {totals.Altered} altered ({totals.Faces} faces and {totals.Plates} plates blurred), {totals.Frames - totals.Altered} unchanged; the device's own counts differed on {totals.ClaimsDiffer}"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"    levels (from the server's counts): important {totals.ByLevel.GetValueOrDefault(ResidencyContainers.Important)}, sensitive {totals.ByLevel.GetValueOrDefault(ResidencyContainers.Sensitive)}"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"    stored frames checked again by the detectors: {totals.Rechecked}, faces found {totals.FacesLeft}, plates found {totals.PlatesLeft}, without a de-identification record {totals.Unrecorded}"));
        return totals.FacesLeft == 0 && totals.PlatesLeft == 0 && totals.Unrecorded == 0;
    }

    private sealed class Totals
    {
        public int Frames { get; private set; }

        public int Altered { get; private set; }

        public int Faces { get; private set; }

        public int Plates { get; private set; }

        public int ClaimsDiffer { get; private set; }

        public int Rechecked { get; private set; }

        public int FacesLeft { get; private set; }

        public int PlatesLeft { get; private set; }

        public int Unrecorded { get; private set; }

        public Dictionary<string, int> ByLevel { get; } = [];

        public void Add(string level, JsonElement frame, FrameDeidentifier detectors)
        {
            if (frame.TryGetProperty("position", out var position) && position.GetString() is "cabin" or "interior" or "driver" or "occupant" or "dms")
            {
                return;
            }

            if (!frame.TryGetProperty("deidentification", out var record))
            {
                Unrecorded++;
                return;
            }

            Frames++;
            ByLevel[level] = ByLevel.GetValueOrDefault(level) + 1;
            Altered += record.GetProperty("altered").GetBoolean() ? 1 : 0;
            var found = frame.GetProperty("detections");
            Faces += found.GetProperty("faces").GetInt32();
            Plates += found.GetProperty("plates").GetInt32();
            ClaimsDiffer += frame.TryGetProperty("deviceDetections", out var claimed) && claimed.GetRawText() == found.GetRawText() ? 0 : 1;
            if (frame.TryGetProperty("imageBase64", out var image) && image.TryGetBytesFromBase64(out var bytes))
            {
                var again = detectors.Deidentify(bytes);
                Rechecked++;
                FacesLeft += again.Faces;
                PlatesLeft += again.Plates;
            }
        }
    }
}
