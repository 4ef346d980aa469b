using System.Text.Json;
using Residency.Classification.Policy;
using Residency.Frames;

namespace Residency.Ingest.Frames;

/// <summary>Writes a de-identified frame: its fields as sent, the stored image, the server's counts and the stage's record.</summary>
internal static class FrameRecord
{
    public static void Write(Utf8JsonWriter writer, JsonElement frame, FrameResult result, ImageDeidentification settings)
    {
        writer.WriteStartObject();
        JsonElement? claimed = null;
        foreach (var property in frame.EnumerateObject())
        {
            if (property.NameEquals(FrameShape.Detections))
            {
                claimed = property.Value;
            }
            else if (property.NameEquals(FrameShape.Image))
            {
                if (result.Outcome == FrameOutcome.Altered)
                {
                    writer.WriteBase64String(FrameShape.Image, result.Image.Span);
                }
                else
                {
                    // Unchanged: the bytes as sent, without decoding and re-encoding the base64.
                    property.WriteTo(writer);
                }
            }
            else
            {
                property.WriteTo(writer);
            }
        }

        // The level follows what the server found, through the policy's conditions on detections.
        writer.WriteStartObject(FrameShape.Detections);
        writer.WriteNumber("faces", result.Faces);
        writer.WriteNumber("plates", result.Plates);
        if (settings.Detectors.Contains(ImageDetector.AllText))
        {
            writer.WriteNumber("textRegions", result.TextRegions);
        }

        writer.WriteEndObject();
        if (claimed is { } device)
        {
            writer.WritePropertyName(FrameShape.DeviceDetections);
            device.WriteTo(writer);
        }

        writer.WriteStartObject(FrameShape.Deidentification);
        writer.WriteBoolean("altered", result.Outcome == FrameOutcome.Altered);
        writer.WriteString("method", settings.Describe());
        writer.WriteNumber("width", result.Width);
        writer.WriteNumber("height", result.Height);
        writer.WriteStartObject("modelSha256");
        foreach (var (file, sha256) in FrameDeidentifier.ModelSha256)
        {
            writer.WriteString(file, sha256);
        }

        writer.WriteEndObject();
        writer.WriteEndObject();
        writer.WriteEndObject();
    }
}
