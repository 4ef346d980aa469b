namespace Residency.Classification.Policy;

/// <summary>The known fields of <c>vehicle-upload/1</c> (docs/architecture.md) and their JSON types.
/// Unknown fields are allowed and classified fail-closed; known fields of the wrong type are rejected.</summary>
internal static class VehicleUploadSchema
{
    public const string Name = "vehicle-upload/1";

    public static IReadOnlyList<string> Kinds { get; } = ["telemetry", "trip", "event", "charging", "cabin", "account", "diagnostic"];

    public static IReadOnlyList<(string Path, JsonType Type, EnvelopeField Envelope)> Fields { get; } =
    [
        ("$.schema", JsonType.String, EnvelopeField.Schema),
        ("$.messageId", JsonType.String, EnvelopeField.MessageId),
        ("$.vin", JsonType.String, EnvelopeField.Vin),
        ("$.capturedAt", JsonType.String, EnvelopeField.CapturedAt),
        ("$.kind", JsonType.String, EnvelopeField.Kind),
        ("$.firmware", JsonType.String, EnvelopeField.None),
        ("$.signals", JsonType.Object, EnvelopeField.None),
        ("$.signals.speedKph", JsonType.Number, EnvelopeField.None),
        ("$.signals.socPercent", JsonType.Number, EnvelopeField.None),
        ("$.signals.odometerKm", JsonType.Number, EnvelopeField.None),
        ("$.signals.gear", JsonType.String, EnvelopeField.None),
        ("$.location", JsonType.Object, EnvelopeField.None),
        ("$.location.lat", JsonType.Number, EnvelopeField.None),
        ("$.location.lon", JsonType.Number, EnvelopeField.None),
        ("$.location.datum", JsonType.String, EnvelopeField.None),
        ("$.location.accuracyM", JsonType.Number, EnvelopeField.None),
        ("$.trajectory", JsonType.Array, EnvelopeField.None),
        ("$.trajectory[*]", JsonType.Object, EnvelopeField.None),
        ("$.trajectory[*].t", JsonType.String, EnvelopeField.None),
        ("$.trajectory[*].lat", JsonType.Number, EnvelopeField.None),
        ("$.trajectory[*].lon", JsonType.Number, EnvelopeField.None),
        ("$.trajectory[*].speedKph", JsonType.Number, EnvelopeField.None),
        ("$.owner", JsonType.Object, EnvelopeField.None),
        ("$.owner.accountId", JsonType.String, EnvelopeField.None),
        ("$.owner.name", JsonType.String, EnvelopeField.None),
        ("$.owner.phone", JsonType.String, EnvelopeField.None),
        ("$.owner.idNumber", JsonType.String, EnvelopeField.None),
        ("$.owner.email", JsonType.String, EnvelopeField.None),
        ("$.driver", JsonType.Object, EnvelopeField.None),
        ("$.driver.faceTemplate", JsonType.String, EnvelopeField.None),
        ("$.driver.voiceprint", JsonType.String, EnvelopeField.None),
        ("$.driver.drowsiness", JsonType.Number, EnvelopeField.None),
        ("$.cabin", JsonType.Object, EnvelopeField.None),
        ("$.cabin.occupants", JsonType.Number, EnvelopeField.None),
        ("$.cabin.audioClipRef", JsonType.String, EnvelopeField.None),
        ("$.cabin.videoClipRef", JsonType.String, EnvelopeField.None),
        ("$.camera", JsonType.Array, EnvelopeField.None),
        ("$.camera[*]", JsonType.Object, EnvelopeField.None),
        ("$.camera[*].position", JsonType.String, EnvelopeField.None),
        ("$.camera[*].format", JsonType.String, EnvelopeField.None),
        ("$.camera[*].detections", JsonType.Object, EnvelopeField.None),
        ("$.camera[*].detections.faces", JsonType.Number, EnvelopeField.None),
        ("$.camera[*].detections.plates", JsonType.Number, EnvelopeField.None),
        ("$.camera[*].imageBase64", JsonType.String, EnvelopeField.None),
        ("$.charging", JsonType.Object, EnvelopeField.None),
        ("$.charging.stationId", JsonType.String, EnvelopeField.None),
        ("$.charging.operatorId", JsonType.String, EnvelopeField.None),
        ("$.charging.connectorId", JsonType.String, EnvelopeField.None),
        ("$.charging.energyKwh", JsonType.Number, EnvelopeField.None),
        ("$.charging.lat", JsonType.Number, EnvelopeField.None),
        ("$.charging.lon", JsonType.Number, EnvelopeField.None),
        ("$.diagnostics", JsonType.Object, EnvelopeField.None),
        ("$.diagnostics.dtc", JsonType.Array, EnvelopeField.None),
        ("$.diagnostics.dtc[*]", JsonType.String, EnvelopeField.None),
        ("$.diagnostics.cellVoltagesMv", JsonType.Array, EnvelopeField.None),
        ("$.diagnostics.cellVoltagesMv[*]", JsonType.Number, EnvelopeField.None),
        ("$.notes", JsonType.String, EnvelopeField.None),
    ];

    /// <summary>The leaf paths (values, not containers): each must be covered by a rule of the default policy.</summary>
    public static IEnumerable<string> LeafPaths => Fields.Where(f => f.Type is not (JsonType.Object or JsonType.Array)).Select(f => f.Path);
}
