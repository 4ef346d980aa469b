using System.Text;
using System.Text.Json;

namespace Residency.Operations.Auth;

/// <summary>
/// The caller as App Service authentication (Easy Auth v2) describes it in <c>X-MS-CLIENT-PRINCIPAL</c>: base64 of
/// <c>{"auth_typ","claims":[{"typ","val"}],"name_typ","role_typ"}</c>. Only App Service sets that header (it strips one a
/// client sends), so its presence means Easy Auth authenticated the caller.
/// </summary>
/// <param name="ObjectId">The caller's Entra object id (<c>oid</c>), or null when the token carried none.</param>
/// <param name="Roles">The app roles in the token.</param>
public sealed record ClientPrincipal(string? ObjectId, IReadOnlySet<string> Roles)
{
    /// <summary>The header App Service sets after authenticating the caller.</summary>
    public const string Header = "X-MS-CLIENT-PRINCIPAL";

    /// <summary>The header holding the caller's id, also set only by App Service.</summary>
    public const string IdHeader = "X-MS-CLIENT-PRINCIPAL-ID";

    // Claims go through Easy Auth's default mapping: app roles arrive as "roles" while role_typ names the long URI,
    // and the object id may arrive under its long URI; accept both forms of each.
    private const string RoleUri = "http://schemas.microsoft.com/ws/2008/06/identity/claims/role";
    private const string ObjectIdUri = "http://schemas.microsoft.com/identity/claims/objectidentifier";

    /// <summary>Decodes the header's value; null when it is not base64 of the expected JSON.</summary>
    public static ClientPrincipal? TryParse(string headerValue)
    {
        ArgumentNullException.ThrowIfNull(headerValue);
        try
        {
            var json = Convert.FromBase64String(headerValue.Trim());
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("claims", out var claims) || claims.ValueKind != JsonValueKind.Array)
            {
                return null;
            }

            var roleType = root.TryGetProperty("role_typ", out var rt) && rt.ValueKind == JsonValueKind.String ? rt.GetString() : null;
            var roles = new HashSet<string>(StringComparer.Ordinal);
            string? objectId = null;
            foreach (var claim in claims.EnumerateArray())
            {
                if (claim.ValueKind != JsonValueKind.Object
                    || !claim.TryGetProperty("typ", out var typ) || typ.ValueKind != JsonValueKind.String
                    || !claim.TryGetProperty("val", out var val) || val.ValueKind != JsonValueKind.String)
                {
                    continue;
                }

                var type = typ.GetString()!;
                if (type is "roles" or RoleUri || type == roleType)
                {
                    roles.Add(val.GetString()!);
                }
                else if (type is "oid" or ObjectIdUri)
                {
                    objectId = val.GetString();
                }
            }

            return new ClientPrincipal(objectId, roles);
        }
        catch (Exception e) when (e is FormatException or JsonException or DecoderFallbackException)
        {
            return null;
        }
    }
}
