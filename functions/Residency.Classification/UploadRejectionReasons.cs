namespace Residency.Classification;

/// <summary>The stable reason codes of <see cref="UploadRejectedException.ReasonCode"/>.</summary>
public static class UploadRejectionReasons
{
    /// <summary>The payload is larger than <see cref="ClassifierOptions.MaxPayloadBytes"/>.</summary>
    public const string PayloadTooLarge = "payload-too-large";

    /// <summary>The payload is not valid UTF-8.</summary>
    public const string InvalidUtf8 = "invalid-utf8";

    /// <summary>The payload is not one well-formed JSON object.</summary>
    public const string InvalidJson = "invalid-json";

    /// <summary>The payload nests deeper than <see cref="ClassifierOptions.MaxDepth"/>.</summary>
    public const string TooDeep = "too-deep";

    /// <summary>An object holds the same property name twice.</summary>
    public const string DuplicateKey = "duplicate-key";

    /// <summary>A field the schema knows has the wrong JSON type.</summary>
    public const string WrongType = "wrong-type";

    /// <summary>A required field (schema, messageId, vin, capturedAt) is missing.</summary>
    public const string MissingField = "missing-field";

    /// <summary>The <c>schema</c> field names a schema this classifier does not know.</summary>
    public const string UnknownSchema = "unknown-schema";

    /// <summary>The messageId is not 1-64 characters of [A-Za-z0-9-].</summary>
    public const string InvalidMessageId = "invalid-message-id";

    /// <summary>A known field has the right type but an invalid value (timestamp, VIN format, kind, coordinate range).</summary>
    public const string InvalidField = "invalid-field";
}
