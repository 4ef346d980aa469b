using System.Text.Json;

namespace Residency.Ingest.Frames;

/// <summary>
/// What a frame to de-identify may carry. The classifier stores the frame node whole, so image data anywhere but
/// <c>imageBase64</c> would pass the stage unblurred: long strings and nested values other than <c>detections</c> are refused,
/// and so are the fields the server writes (a device cannot forge the server's record).
/// </summary>
internal static class FrameShape
{
    /// <summary>The property holding the encoded image.</summary>
    public const string Image = "imageBase64";

    /// <summary>The device's (and, after the stage, the server's) face and plate counts.</summary>
    public const string Detections = "detections";

    /// <summary>Where the stage keeps the device's claim.</summary>
    public const string DeviceDetections = "deviceDetections";

    /// <summary>The server's record of what it did.</summary>
    public const string Deidentification = "deidentification";

    /// <summary>Longest string a frame may carry outside <see cref="Image"/> (a position, a format, a timestamp).</summary>
    public const int MaxOtherStringLength = 256;

    /// <summary>Why the frame cannot be de-identified as sent, or null. Never names a property (a name may be anything).</summary>
    public static string? Check(JsonElement frame)
    {
        var hasImage = false;
        foreach (var property in frame.EnumerateObject())
        {
            if (property.NameEquals(Image))
            {
                if (property.Value.ValueKind != JsonValueKind.String)
                {
                    return "imageBase64 is not a string";
                }

                hasImage = true;
            }
            else if (property.NameEquals(DeviceDetections) || property.NameEquals(Deidentification))
            {
                return "the frame carries a field only the server writes (deviceDetections or deidentification)";
            }
            else if (property.NameEquals(Detections))
            {
                if (property.Value.ValueKind is not (JsonValueKind.Object or JsonValueKind.Null) || property.Value.GetRawText().Length > MaxOtherStringLength)
                {
                    return "detections is not a small object of counts";
                }
            }
            else if (property.Value.ValueKind is JsonValueKind.Object or JsonValueKind.Array
                     || (property.Value.ValueKind == JsonValueKind.String && property.Value.GetString()!.Length > MaxOtherStringLength))
            {
                return "a field other than imageBase64 holds a nested or long value, which the stage cannot check for image data";
            }
        }

        return hasImage ? null : "the frame has no imageBase64";
    }
}
