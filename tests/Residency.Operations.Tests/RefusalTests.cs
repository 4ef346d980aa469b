using System.Net;
using Residency.Operations.Requests;
using Residency.Testing;
using Xunit;

namespace Residency.Operations.Tests;

/// <summary>Calls the API refuses: no principal, a wrong role, a function key alone, a malformed VIN, an unknown id.</summary>
[Collection(AzuriteGroup.Name)]
public sealed class RefusalTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Every_endpoint_answers_401_without_a_principal_and_403_without_the_role()
    {
        var app = await OperationsHarness.CreateAsync(azurite);
        var body = OperationsHarness.Body("access", vin: StoredVehicles.NewVin());
        var id = SubjectRequestIds.FromTicket("never-posted");

        Assert.Equal(HttpStatusCode.Unauthorized, (await app.PostAsync(body)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.GetAsync(id)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.ListAsync("?overdue=true")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.ExportAsync(id)).StatusCode);

        Assert.Equal(HttpStatusCode.Forbidden, (await app.PostAsync(body, Principals.Reader)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await app.GetAsync(id, Principals.Reader)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await app.ListAsync("", Principals.Reader)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await app.ExportAsync(id, Principals.Reader)).StatusCode);

        // Nothing was recorded for the refused posts.
        Assert.DoesNotContain((await app.Service.Store.ListAsync(CancellationToken.None)), r => r.RequestId == SubjectRequestIds.FromTicket((string)((Dictionary<string, string?>)body)["ticket"]!));
    }

    [Fact]
    public async Task A_function_key_alone_is_not_accepted()
    {
        var app = await OperationsHarness.CreateAsync(azurite);
        var url = new Uri(OperationsHarness.BaseUrl, "subject-requests?code=a-function-key");
        var response = await app.PostAsync(OperationsHarness.Body("access", vin: StoredVehicles.NewVin()), principal: null, url);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("function key alone is not accepted", response.BodyText, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not base64 at all")]
    [InlineData("eyJub3QiOiJjbGFpbXMifQ==")] // {"not":"claims"}
    public async Task A_malformed_principal_is_401(string principal)
    {
        var app = await OperationsHarness.CreateAsync(azurite);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.ListAsync("", principal)).StatusCode);
    }

    [Fact]
    public async Task A_principal_without_an_object_id_is_401()
    {
        var app = await OperationsHarness.CreateAsync(azurite);
        var principal = Convert.ToBase64String("""{"auth_typ":"aad","claims":[{"typ":"roles","val":"PrivacyOperator"}]}"""u8.ToArray());
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.ListAsync("", principal)).StatusCode);
    }

    [Fact]
    public async Task Development_on_loopback_is_the_only_call_without_a_principal()
    {
        var development = await OperationsHarness.CreateAsync(azurite, isDevelopment: true);
        var production = await OperationsHarness.CreateAsync(azurite, isDevelopment: false);
        var loopback = new Uri("http://127.0.0.1:7071/api/subject-requests/0000000000000000");
        var remote = new Uri("https://residency-ops.chinacloudsites.cn/api/subject-requests/0000000000000000");

        Assert.Equal(HttpStatusCode.NotFound, (await development.GetAsync("0000000000000000", url: loopback)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await development.GetAsync("0000000000000000", url: new Uri("http://localhost:7071/api/subject-requests/0000000000000000"))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await development.GetAsync("0000000000000000", url: remote)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await production.GetAsync("0000000000000000", url: loopback)).StatusCode);

        // In Development a principal that is sent is still checked.
        Assert.Equal(HttpStatusCode.Forbidden, (await development.GetAsync("0000000000000000", Principals.Reader, loopback)).StatusCode);
    }

    [Theory]
    [InlineData("LSJA24U62JG26922")] // 16 characters
    [InlineData("LSJA24U62JG2692256")] // 18
    [InlineData("LSJA24U62JG26922O")] // O is not in the VIN alphabet
    [InlineData("ＬSJA24U62JG269225")] // a full-width letter
    public async Task A_malformed_vin_is_400_and_never_echoed_or_logged(string vin)
    {
        var app = await OperationsHarness.CreateAsync(azurite);
        var response = await app.PostAsync(OperationsHarness.Body("delete", vin: vin), Principals.Operator);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("'vin'", response.BodyText, StringComparison.Ordinal);
        Assert.DoesNotContain(vin, response.BodyText, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(vin[..10], response.BodyText, StringComparison.OrdinalIgnoreCase);
        Assert.All(app.LogLines, line => Assert.DoesNotContain(vin[..10], line, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task A_vin_put_where_a_field_name_goes_is_not_echoed()
    {
        var app = await OperationsHarness.CreateAsync(azurite);
        var vin = StoredVehicles.NewVin();
        var response = await app.PostRawAsync($$"""{"type":"access","{{vin}}":"x","ticket":"T-1","requestedAt":"2026-12-01T09:00:00+08:00"}""", Principals.Operator);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain(vin, response.BodyText, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0123456789abcdef")] // well-formed, never recorded
    [InlineData("not-an-id")]
    [InlineData("LSJA24U62JG269225")]
    public async Task An_unknown_id_is_404_and_not_echoed(string id)
    {
        var app = await OperationsHarness.CreateAsync(azurite);
        var status = await app.GetAsync(id, Principals.Operator);
        var export = await app.ExportAsync(id, Principals.Operator);

        Assert.Equal(HttpStatusCode.NotFound, status.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, export.StatusCode);
        Assert.DoesNotContain(id, status.BodyText, StringComparison.Ordinal);
        Assert.DoesNotContain(id, export.BodyText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Overdue_must_be_true_or_false()
    {
        var app = await OperationsHarness.CreateAsync(azurite);
        Assert.Equal(HttpStatusCode.BadRequest, (await app.ListAsync("?overdue=yes", Principals.Operator)).StatusCode);
    }
}
