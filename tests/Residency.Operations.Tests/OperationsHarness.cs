using System.Text.Json;
using Azure.Storage.Blobs;
using Residency.Operations.Configuration;
using Residency.Operations.Exports;
using Residency.Operations.Functions;
using Residency.Operations.Requests;
using Residency.Operations.Tests.Doubles;
using Residency.Reporting.Calendar;
using Residency.Testing;

namespace Residency.Operations.Tests;

/// <summary>
/// The four function classes wired as the worker wires them (same service, same settings), called with test doubles
/// for HttpRequestData and FunctionContext against Azurite: the Functions host cannot run here.
/// </summary>
internal sealed class OperationsHarness
{
    public static readonly Uri BaseUrl = new("https://residency-ops.chinacloudsites.cn/api/");

    private OperationsHarness(BlobServiceClient client, SubjectRequestService service, OperationsEnvironment environment)
    {
        Client = client;
        Service = service;
        Environment = environment;
    }

    public BlobServiceClient Client { get; }

    public SubjectRequestService Service { get; }

    public OperationsEnvironment Environment { get; }

    public CapturingLogger<SubmitSubjectRequest> SubmitLog { get; } = new();

    public CapturingLogger<GetSubjectRequest> GetLog { get; } = new();

    public CapturingLogger<ListSubjectRequests> ListLog { get; } = new();

    public CapturingLogger<DownloadSubjectExport> ExportLog { get; } = new();

    public IEnumerable<string> LogLines => SubmitLog.Lines.Concat(GetLog.Lines).Concat(ListLog.Lines).Concat(ExportLog.Lines);

    public static async Task<OperationsHarness> CreateAsync(AzuriteFixture azurite, bool isDevelopment = false, TimeProvider? time = null)
    {
        await azurite.CreateStoreAsync();
        var client = azurite.CreateClient();
        await client.GetBlobContainerClient(ExportContainer.Name).CreateIfNotExistsAsync();
        var service = new SubjectRequestService(client, StoredVehicles.Key, StatutoryCalendar.Load(), time ?? TimeProvider.System);
        return new OperationsHarness(client, service, new OperationsEnvironment(isDevelopment));
    }

    public Task<TestHttpResponseData> PostAsync(object body, string? principal = null, Uri? url = null) =>
        PostRawAsync(JsonSerializer.Serialize(body), principal, url);

    public async Task<TestHttpResponseData> PostRawAsync(string json, string? principal = null, Uri? url = null)
    {
        var request = TestHttpRequestData.Json("POST", url ?? new Uri(BaseUrl, "subject-requests"), json);
        Authenticate(request, principal);
        return (TestHttpResponseData)await new SubmitSubjectRequest(Service, Environment, SubmitLog).RunAsync(request, CancellationToken.None);
    }

    public async Task<TestHttpResponseData> GetAsync(string id, string? principal = null, Uri? url = null)
    {
        var request = TestHttpRequestData.Json("GET", url ?? new Uri(BaseUrl, "subject-requests/" + Uri.EscapeDataString(id)), "");
        Authenticate(request, principal);
        return (TestHttpResponseData)await new GetSubjectRequest(Service, Environment, GetLog).RunAsync(request, id, CancellationToken.None);
    }

    public async Task<TestHttpResponseData> ListAsync(string query = "", string? principal = null)
    {
        var request = TestHttpRequestData.Json("GET", new Uri(BaseUrl, "subject-requests" + query), "");
        Authenticate(request, principal);
        return (TestHttpResponseData)await new ListSubjectRequests(Service, Environment, ListLog).RunAsync(request, CancellationToken.None);
    }

    public async Task<TestHttpResponseData> ExportAsync(string id, string? principal = null)
    {
        var request = TestHttpRequestData.Json("GET", new Uri(BaseUrl, $"subject-requests/{Uri.EscapeDataString(id)}/export"), "");
        Authenticate(request, principal);
        return (TestHttpResponseData)await new DownloadSubjectExport(Service, Environment, ExportLog).RunAsync(request, id, CancellationToken.None);
    }

    /// <summary>A body as the privacy team's ticket system posts it; a fresh ticket unless one is given.</summary>
    public static object Body(string type, string? vin = null, string? vehicleKey = null, string? ticket = null, DateTimeOffset? requestedAt = null) =>
        new Dictionary<string, string?>
        {
            ["type"] = type,
            [vin is null ? "vehicleKey" : "vin"] = vin ?? vehicleKey,
            ["ticket"] = ticket ?? NewTicket(),
            ["requestedAt"] = (requestedAt ?? DateTimeOffset.UtcNow.AddMinutes(-5)).ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz", System.Globalization.CultureInfo.InvariantCulture),
        };

    public static string NewTicket() => "PRIV-" + Guid.NewGuid().ToString("N")[..10];

    public static JsonElement Json(TestHttpResponseData response) => JsonDocument.Parse(response.BodyBytes).RootElement;

    private static void Authenticate(TestHttpRequestData request, string? principal)
    {
        if (principal is not null)
        {
            request.Headers.Add("X-MS-CLIENT-PRINCIPAL", principal);
        }
    }
}
