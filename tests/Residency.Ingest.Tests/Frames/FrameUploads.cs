using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Residency.Ingest.Tests.Frames;

/// <summary>Uploads carrying camera frames, written the way cars send them.</summary>
internal static class FrameUploads
{
    public static byte[] With(params JsonObject[] frames)
    {
        var upload = new JsonObject
        {
            ["schema"] = "vehicle-upload/1",
            ["messageId"] = Guid.NewGuid().ToString(),
            ["vin"] = "LSJA24U62JG269225",
            ["capturedAt"] = "2026-11-22T10:41:05.500+08:00",
            ["kind"] = "event",
            ["camera"] = new JsonArray([.. frames]),
        };
        return Encoding.UTF8.GetBytes(upload.ToJsonString());
    }

    public static JsonObject Frame(byte[] image, string position = "front", int? claimedFaces = 0, int? claimedPlates = 0)
    {
        var frame = new JsonObject { ["position"] = position, ["format"] = "jpeg" };
        if (claimedFaces is not null || claimedPlates is not null)
        {
            frame["detections"] = new JsonObject { ["faces"] = claimedFaces, ["plates"] = claimedPlates };
        }

        frame["imageBase64"] = Convert.ToBase64String(image);
        return frame;
    }

    /// <summary>The camera frames of a JSON document (an upload or a stored fragment).</summary>
    public static List<JsonElement> Frames(ReadOnlyMemory<byte> json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.TryGetProperty("camera", out var camera)
            ? [.. camera.EnumerateArray().Select(e => e.Clone())]
            : [];
    }
}
