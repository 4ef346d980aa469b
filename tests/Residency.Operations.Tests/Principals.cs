using System.Text;
using System.Text.Json;

namespace Residency.Operations.Tests;

/// <summary>X-MS-CLIENT-PRINCIPAL values as App Service writes them (base64 JSON, claims after Easy Auth's mapping).</summary>
internal static class Principals
{
    public const string OperatorObjectId = "6f1c2e3a-0b4d-4c8e-9a7f-1d2e3f4a5b6c";

    /// <summary>A caller with the PrivacyOperator role, its object id under the long claim URI as Easy Auth maps it.</summary>
    public static string Operator => Of(OperatorObjectId, "http://schemas.microsoft.com/identity/claims/objectidentifier", "PrivacyOperator");

    /// <summary>An authenticated caller without the role.</summary>
    public static string Reader => Of("0a0b0c0d-1111-2222-3333-444455556666", "oid", "Reports.Read");

    public static string Of(string objectId, string objectIdClaim, params string[] roles)
    {
        var claims = new List<object> { new { typ = objectIdClaim, val = objectId } };
        claims.AddRange(roles.Select(r => new { typ = "roles", val = r }));
        var json = JsonSerializer.Serialize(new
        {
            auth_typ = "aad",
            claims,
            name_typ = "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name",
            role_typ = "http://schemas.microsoft.com/ws/2008/06/identity/claims/role",
        });
        return Convert.ToBase64String(Encoding.UTF8.GetBytes(json));
    }
}
