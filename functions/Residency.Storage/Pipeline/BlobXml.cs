using System.Globalization;
using System.Xml.Linq;
using Azure;

namespace Residency.Storage.Pipeline;

/// <summary>Reads the XML bodies of List Blobs, Find Blobs by Tags and Get Blob Tags.</summary>
internal static class BlobXml
{
    public static BlobPage<BlobItem> ReadBlobList(BinaryData body)
    {
        var root = Parse(body);
        var items = root.Element("Blobs")?.Elements("Blob").Select(blob => new BlobItem(
            blob.Element("Name")?.Value ?? string.Empty,
            ReadListedProperties(blob))).ToList() ?? [];
        return new BlobPage<BlobItem>(items, NullIfEmpty(root.Element("NextMarker")?.Value));
    }

    public static BlobPage<TaggedBlobItem> ReadTaggedBlobList(BinaryData body)
    {
        var root = Parse(body);
        var items = root.Element("Blobs")?.Elements("Blob").Select(blob => new TaggedBlobItem(
            blob.Element("ContainerName")?.Value ?? string.Empty,
            blob.Element("Name")?.Value ?? string.Empty,
            ReadTagSet(blob.Element("Tags")))).ToList() ?? [];
        return new BlobPage<TaggedBlobItem>(items, NullIfEmpty(root.Element("NextMarker")?.Value));
    }

    public static IReadOnlyDictionary<string, string> ReadTags(BinaryData body) => ReadTagSet(Parse(body));

    private static Dictionary<string, string> ReadTagSet(XElement? tagsElement)
    {
        var tags = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var tag in tagsElement?.Element("TagSet")?.Elements("Tag") ?? [])
        {
            tags[tag.Element("Key")?.Value ?? string.Empty] = tag.Element("Value")?.Value ?? string.Empty;
        }

        return tags;
    }

    private static BlobProperties ReadListedProperties(XElement blob)
    {
        var properties = blob.Element("Properties");
        string? Property(string name) => properties?.Element(name)?.Value;
        var metadata = blob.Element("Metadata")?.Elements()
            .ToDictionary(e => e.Name.LocalName, e => e.Value, StringComparer.OrdinalIgnoreCase)
            ?? new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        return new BlobProperties(
            long.TryParse(Property("Content-Length"), NumberStyles.None, CultureInfo.InvariantCulture, out var length) ? length : 0,
            NullIfEmpty(Property("Content-Type")),
            new ETag(Property("Etag") ?? string.Empty),
            DateTimeOffset.TryParse(Property("Last-Modified"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var modified)
                ? modified : default,
            metadata,
            int.TryParse(Property("TagCount"), NumberStyles.None, CultureInfo.InvariantCulture, out var tagCount) ? tagCount : 0);
    }

    private static XElement Parse(BinaryData body) =>
        XDocument.Load(body.ToStream()).Root ?? throw new FormatException("The storage service answered an empty XML document.");

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
