namespace Residency.Storage;

/// <summary>Metadata names the store writes on every blob (lowercase C# identifiers).</summary>
public static class StoreMetadata
{
    /// <summary>Lowercase hex SHA-256 of the blob content; compared on a 409.</summary>
    public const string ContentSha256 = "contentsha256";

    /// <summary>Event Hubs partition of the source event.</summary>
    public const string SourcePartition = "sourcepartition";

    /// <summary>Event Hubs sequence number of the source event.</summary>
    public const string SourceSequence = "sourcesequence";

    /// <summary>Event Hubs offset of the source event, when known.</summary>
    public const string SourceOffset = "sourceoffset";
}
