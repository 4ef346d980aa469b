namespace Residency.Classification.Policy;

/// <summary>The JSON type the schema expects at a path.</summary>
internal enum JsonType
{
    Any,
    String,
    Number,
    Object,
    Array,
}

/// <summary>The envelope fields the classifier validates and carries into every fragment.</summary>
internal enum EnvelopeField
{
    None,
    Schema,
    MessageId,
    Vin,
    CapturedAt,
    Kind,
}
