using System.Xml;
using System.Xml.Linq;
using Azure;
using Azure.Core;

namespace Residency.Storage.Pipeline;

/// <summary>Reads the Storage error code (x-ms-error-code header, else the XML body) into a <see cref="ResponseError"/>.</summary>
internal sealed class StorageErrorParser : RequestFailedDetailsParser
{
    public static StorageErrorParser Instance { get; } = new();

    public override bool TryParse(Response response, out ResponseError? error, out IDictionary<string, string>? data)
    {
        data = null;
        response.Headers.TryGetValue("x-ms-error-code", out var code);
        string? message = null;
        if (response.Content is { } content && !content.ToMemory().IsEmpty)
        {
            try
            {
                var root = XDocument.Load(content.ToStream()).Root;
                code ??= root?.Element("Code")?.Value;
                message = root?.Element("Message")?.Value?.Split('\n')[0];
            }
            catch (XmlException)
            {
                // Not an XML error body (a proxy page, say): the status and header still tell enough.
            }
        }

        error = code is null && message is null ? null : new ResponseError(code, message ?? code);
        return error is not null;
    }
}
