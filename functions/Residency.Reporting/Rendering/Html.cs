using System.Net;

namespace Residency.Reporting.Rendering;

/// <summary>HTML encoding of every text the page shows.</summary>
internal static class Html
{
    public static string Encode(string? text) => WebUtility.HtmlEncode(text ?? string.Empty);
}
