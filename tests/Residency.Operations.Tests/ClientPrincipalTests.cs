using System.Text;
using Residency.Operations.Auth;
using Xunit;

namespace Residency.Operations.Tests;

/// <summary>Reading Easy Auth's X-MS-CLIENT-PRINCIPAL in the shapes its claim mapping produces.</summary>
public sealed class ClientPrincipalTests
{
    [Theory]
    [InlineData("roles", "oid")]
    [InlineData("http://schemas.microsoft.com/ws/2008/06/identity/claims/role", "http://schemas.microsoft.com/identity/claims/objectidentifier")]
    public void Roles_and_object_id_are_read_under_either_claim_name(string roleClaim, string objectIdClaim)
    {
        var json = $$"""{"auth_typ":"aad","claims":[{"typ":"{{objectIdClaim}}","val":"abc"},{"typ":"{{roleClaim}}","val":"PrivacyOperator"},{"typ":"name","val":"x"}],"role_typ":"roles"}""";
        var principal = ClientPrincipal.TryParse(Convert.ToBase64String(Encoding.UTF8.GetBytes(json)))!;
        Assert.Equal("abc", principal.ObjectId);
        Assert.Contains("PrivacyOperator", principal.Roles);
    }

    [Theory]
    [InlineData("%%%")]
    [InlineData("W10=")] // []
    [InlineData("bnVsbA==")] // null
    public void Anything_else_is_not_a_principal(string header) => Assert.Null(ClientPrincipal.TryParse(header));
}
