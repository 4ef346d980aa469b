using System.Globalization;
using System.Text;
using Azure.Core;

namespace Residency.Storage.Pipeline;

/// <summary>Builds the Storage service's Shared Key string-to-sign (version 2015-02-21 and later).</summary>
internal static class SharedKeyCanonicalizer
{
    private const string XMsPrefix = "x-ms-";

    /// <summary>
    /// The string-to-sign for one request. <paramref name="contentLength"/> is what goes on the wire
    /// (0 and "no body" both sign as the empty string).
    /// </summary>
    public static string BuildStringToSign(
        string accountName, string method, Uri uri, IEnumerable<HttpHeader> headers, long? contentLength)
    {
        var byName = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var header in headers)
        {
            byName[header.Name] = byName.TryGetValue(header.Name, out var existing)
                ? existing + "," + header.Value
                : header.Value;
        }

        string Standard(string name) => byName.TryGetValue(name, out var value) ? value : string.Empty;

        var sb = new StringBuilder(512);
        sb.Append(method.ToUpperInvariant()).Append('\n');
        sb.Append(Standard("Content-Encoding")).Append('\n');
        sb.Append(Standard("Content-Language")).Append('\n');
        sb.Append(contentLength is > 0 ? contentLength.Value.ToString(CultureInfo.InvariantCulture) : string.Empty).Append('\n');
        sb.Append(Standard("Content-MD5")).Append('\n');
        sb.Append(Standard("Content-Type")).Append('\n');
        // x-ms-date is always sent, so the Date line stays empty.
        sb.Append(byName.ContainsKey("x-ms-date") ? string.Empty : Standard("Date")).Append('\n');
        sb.Append(Standard("If-Modified-Since")).Append('\n');
        sb.Append(Standard("If-Match")).Append('\n');
        sb.Append(Standard("If-None-Match")).Append('\n');
        sb.Append(Standard("If-Unmodified-Since")).Append('\n');
        sb.Append(Standard("Range")).Append('\n');
        AppendCanonicalizedHeaders(sb, byName);
        AppendCanonicalizedResource(sb, accountName, uri);
        return sb.ToString();
    }

    private static void AppendCanonicalizedHeaders(StringBuilder sb, Dictionary<string, string> headers)
    {
        var names = headers.Keys
            .Where(name => name.StartsWith(XMsPrefix, StringComparison.OrdinalIgnoreCase))
            .Select(name => (Lower: name.ToLowerInvariant(), Name: name))
            .OrderBy(entry => entry.Lower, StringComparer.Ordinal);
        foreach (var (lower, name) in names)
        {
            sb.Append(lower).Append(':').Append(UnfoldWhitespace(headers[name].Trim())).Append('\n');
        }
    }

    // The account name, then the path exactly as sent. Path-style URLs (Azurite) already start with the
    // account, so it appears twice: /devstoreaccount1/devstoreaccount1/container/blob.
    private static void AppendCanonicalizedResource(StringBuilder sb, string accountName, Uri uri)
    {
        sb.Append('/').Append(accountName).Append(uri.AbsolutePath.Length == 0 ? "/" : uri.AbsolutePath);
        var query = uri.Query.TrimStart('?');
        if (query.Length == 0)
        {
            return;
        }

        var parameters = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var pair in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var name = Decode(equals < 0 ? pair : pair[..equals]).ToLowerInvariant();
            var value = equals < 0 ? string.Empty : Decode(pair[(equals + 1)..]);
            if (!parameters.TryGetValue(name, out var values))
            {
                parameters[name] = values = [];
            }

            values.Add(value);
        }

        foreach (var (name, values) in parameters)
        {
            values.Sort(StringComparer.Ordinal);
            sb.Append('\n').Append(name).Append(':').Append(string.Join(',', values));
        }
    }

    private static string Decode(string value) => Uri.UnescapeDataString(value.Replace('+', ' '));

    private static string UnfoldWhitespace(string value)
    {
        if (!value.Contains('\n', StringComparison.Ordinal) && !value.Contains('\r', StringComparison.Ordinal) &&
            !value.Contains("  ", StringComparison.Ordinal) && !value.Contains('\t', StringComparison.Ordinal))
        {
            return value;
        }

        var sb = new StringBuilder(value.Length);
        var previousWasSpace = false;
        foreach (var c in value)
        {
            var isSpace = c is ' ' or '\t' or '\r' or '\n';
            if (!isSpace || !previousWasSpace)
            {
                sb.Append(isSpace ? ' ' : c);
            }

            previousWasSpace = isSpace;
        }

        return sb.ToString();
    }
}
