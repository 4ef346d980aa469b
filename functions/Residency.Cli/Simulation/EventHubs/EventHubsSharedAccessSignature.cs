using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;

namespace Residency.Cli.Simulation.EventHubs;

/// <summary>Builds Service Bus / Event Hubs SAS tokens: HMAC-SHA256 over "urlencode(resource)\n expiry".</summary>
internal static class EventHubsSharedAccessSignature
{
    public static string Create(string resourceUri, string keyName, string key, DateTimeOffset expiresOn)
    {
        var encodedResource = WebUtility.UrlEncode(resourceUri);
        var expiry = expiresOn.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var signature = Convert.ToBase64String(
            HMACSHA256.HashData(Encoding.UTF8.GetBytes(key), Encoding.UTF8.GetBytes(encodedResource + "\n" + expiry)));
        return $"SharedAccessSignature sr={encodedResource}&sig={WebUtility.UrlEncode(signature)}&se={expiry}&skn={WebUtility.UrlEncode(keyName)}";
    }
}
