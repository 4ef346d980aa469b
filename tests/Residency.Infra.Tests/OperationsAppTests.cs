using System.Text.Json.Nodes;
using Residency.Infra.Tests.Arm;
using Xunit;

namespace Residency.Infra.Tests;

/// <summary>The privacy operations app in the compiled templates: Easy Auth in front, its own identity, nothing on Event
/// Hubs, and a data role of data actions only.</summary>
public class OperationsAppTests
{
    private static readonly TemplateScope App = InfraBuild.Module("operationsApp.bicep");
    private static readonly TemplateScope Access = InfraBuild.Module("operationsAccess.bicep");

    private static JsonObject Settings => App.Template["variables"]!["appSettings"]!.AsObject();

    private static JsonObject Resource(TemplateScope scope, string type) => Assert.Single(scope.Resources, r => TemplateScope.TypeOf(r) == type);

    [Fact]
    public void It_is_an_isolated_worker_app_without_event_hubs_settings()
    {
        Assert.Equal("dotnet-isolated", Settings["FUNCTIONS_WORKER_RUNTIME"]!.GetValue<string>());
        Assert.DoesNotContain(Settings, s => s.Key.StartsWith("EventHub", StringComparison.OrdinalIgnoreCase));
        Assert.Equal("Disabled", Resource(App, "Microsoft.Web/sites")["properties"]!["publicNetworkAccess"]!.GetValue<string>());
    }

    [Fact]
    public void Easy_auth_answers_401_without_an_entra_token_from_the_clouds_own_login_endpoint()
    {
        var auth = Resource(App, "Microsoft.Web/sites/config")["properties"]!;

        Assert.True(auth["platform"]!["enabled"]!.GetValue<bool>());
        Assert.True(auth["globalValidation"]!["requireAuthentication"]!.GetValue<bool>());
        Assert.Equal("Return401", auth["globalValidation"]!["unauthenticatedClientAction"]!.GetValue<string>());
        var issuer = auth["identityProviders"]!["azureActiveDirectory"]!["registration"]!["openIdIssuer"]!.GetValue<string>();
        Assert.Contains("environment().authentication.loginEndpoint", issuer, StringComparison.Ordinal);
        Assert.True(ArmExpression.Parse(auth["identityProviders"]!["azureActiveDirectory"]!["registration"]!["clientId"]!.GetValue<string>())
            .IsParameterReference(out var parameter));
        Assert.Equal("apiClientId", parameter);
    }

    [Fact]
    public void Its_grants_touch_nothing_of_event_hubs()
    {
        Assert.DoesNotContain(Access.Resources, r => TemplateScope.TypeOf(r).StartsWith("Microsoft.EventHub", StringComparison.Ordinal));
        Assert.DoesNotContain(Access.Template["parameters"]!.AsObject(), p => p.Key.Contains("eventHub", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain("Microsoft.EventHub", Access.Template.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Its_data_role_grants_blob_data_actions_only()
    {
        var permissions = Assert.Single(Resource(Access, "Microsoft.Authorization/roleDefinitions")["properties"]!["permissions"]!.AsArray())!;

        Assert.Empty(permissions["actions"]!.AsArray());
        Assert.All(permissions["dataActions"]!.AsArray(), a =>
            Assert.StartsWith("Microsoft.Storage/storageAccounts/blobServices/containers/blobs/", a!.GetValue<string>(), StringComparison.Ordinal));
        Assert.DoesNotContain(permissions["dataActions"]!.AsArray(), a => a!.GetValue<string>().Contains('*', StringComparison.Ordinal));
    }

    [Fact]
    public void Its_data_role_can_erase_a_vehicles_earlier_versions()
    {
        var permissions = Assert.Single(Resource(Access, "Microsoft.Authorization/roleDefinitions")["properties"]!["permissions"]!.AsArray())!;

        // The eraser deletes the versions that versioning keeps of every rewritten or deleted blob.
        Assert.Contains(permissions["dataActions"]!.AsArray(),
            a => a!.GetValue<string>() == "Microsoft.Storage/storageAccounts/blobServices/containers/blobs/deleteBlobVersion/action");
    }

    [Fact]
    public void Main_gives_the_operations_app_its_own_identity_and_ingest_none_of_its_grants()
    {
        var main = InfraBuild.Infra.Template(InfraBuild.MainFile)!;
        JsonObject Deployment(string name) => Assert.Single(main["resources"]!.AsArray(), r => r!["name"]!.GetValue<string>() == name)!.AsObject();
        string Argument(string deployment, string parameter) => Deployment(deployment)["properties"]!["parameters"]![parameter]!["value"]!.GetValue<string>();

        Assert.Contains("'operations-identity'", Argument("operations-app", "identityResourceId"), StringComparison.Ordinal);
        Assert.Contains("'operations-identity'", Argument("operations-role-assignments", "principalId"), StringComparison.Ordinal);
        Assert.DoesNotContain("'operations-identity'", Argument("role-assignments", "principalId"), StringComparison.Ordinal);
        Assert.DoesNotContain("'operations-identity'", Argument("function-app", "identityResourceId"), StringComparison.Ordinal);
    }

    [Fact]
    public void Its_package_lies_in_a_host_storage_account_the_ingest_identity_has_no_grant_on()
    {
        var main = InfraBuild.Infra.Template(InfraBuild.MainFile)!;
        JsonObject Deployment(string name) => Assert.Single(main["resources"]!.AsArray(), r => r!["name"]!.GetValue<string>() == name)!.AsObject();
        string Argument(string deployment, string parameter) => Deployment(deployment)["properties"]!["parameters"]![parameter]!["value"]!.GetValue<string>();

        // Ingest holds Storage Blob Data Owner on its host storage: a package there could be replaced and run as operations.
        foreach (var parameter in new[] { "hostBlobEndpoint", "hostQueueEndpoint", "hostTableEndpoint", "packageContainerName" })
        {
            Assert.Contains("'operations-host-storage'", Argument("operations-app", parameter), StringComparison.Ordinal);
        }

        Assert.Contains("'operations-host-storage'", Argument("operations-role-assignments", "hostStorageAccountName"), StringComparison.Ordinal);
        Assert.Contains("'host-storage'", Argument("role-assignments", "hostStorageAccountName"), StringComparison.Ordinal);
        Assert.DoesNotContain("'operations-host-storage'", Deployment("role-assignments").ToJsonString(), StringComparison.Ordinal);
    }
}
