using System.Text.Json.Nodes;
using Residency.Infra.Tests.Arm;
using Xunit;

namespace Residency.Infra.Tests;

/// <summary>The function app's settings and hardening in the compiled functionApp module, as the handler and the Functions host rely on them.</summary>
public class FunctionAppSettingsTests
{
    private static readonly TemplateScope FunctionApp = InfraBuild.Module("functionApp.bicep");

    private static JsonObject Settings => FunctionApp.Template["variables"]!["appSettings"]!.AsObject();

    private static JsonObject Resource(string type) =>
        Assert.Single(FunctionApp.Resources, r => TemplateScope.TypeOf(r) == type);

    [Theory]
    [InlineData("FUNCTIONS_EXTENSION_VERSION", "~4")]
    [InlineData("FUNCTIONS_WORKER_RUNTIME", "custom")]
    [InlineData("AZURE_FUNCTIONS_ENVIRONMENT", "Production")]
    [InlineData("AzureWebJobsStorage__credential", "managedidentity")]
    [InlineData("EventHubConnection__credential", "managedidentity")]
    public void Fixed_settings_have_their_values(string name, string value)
    {
        Assert.Equal(value, Settings[name]!.GetValue<string>());
    }

    [Theory]
    [InlineData("AzureWebJobsStorage__blobServiceUri", "hostBlobEndpoint")]
    [InlineData("AzureWebJobsStorage__queueServiceUri", "hostQueueEndpoint")]
    [InlineData("AzureWebJobsStorage__tableServiceUri", "hostTableEndpoint")]
    [InlineData("AzureWebJobsStorage__clientId", "identityClientId")]
    [InlineData("EventHubConnection__fullyQualifiedNamespace", "eventHubsFullyQualifiedNamespace")]
    [InlineData("EventHubConnection__clientId", "identityClientId")]
    [InlineData("EventHubName", "eventHubName")]
    [InlineData("EventHubConsumerGroup", "eventHubConsumerGroup")]
    [InlineData("WEBSITE_RUN_FROM_PACKAGE_BLOB_MI_RESOURCE_ID", "identityResourceId")]
    [InlineData("Residency__BlobEndpoint", "dataBlobEndpoint")]
    [InlineData("Residency__Region", "location")]
    [InlineData("Residency__PseudonymKeyId", "pseudonymKeyId")]
    [InlineData("AZURE_CLIENT_ID", "identityClientId")]
    [InlineData("APPLICATIONINSIGHTS_CONNECTION_STRING", "appInsightsConnectionString")]
    public void Endpoint_and_identity_settings_come_from_module_parameters(string name, string parameter)
    {
        Assert.True(ArmExpression.Parse(Settings[name]!.GetValue<string>()).IsParameterReference(out var actual));
        Assert.Equal(parameter, actual);
        Assert.NotNull(FunctionApp.ParameterDeclaration(parameter));
    }

    [Fact]
    public void Main_feeds_the_endpoints_from_resource_outputs_never_from_text()
    {
        var main = InfraBuild.Infra.Template(InfraBuild.MainFile)!;
        var deployment = Assert.Single(main["resources"]!.AsArray(), r => r!["name"]!.GetValue<string>() == "function-app")!;
        var arguments = deployment["properties"]!["parameters"]!.AsObject();

        foreach (var name in new[] { "hostBlobEndpoint", "hostQueueEndpoint", "hostTableEndpoint", "dataBlobEndpoint", "eventHubsFullyQualifiedNamespace" })
        {
            Assert.StartsWith("[reference(", arguments[name]!["value"]!.GetValue<string>(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Pseudonymization_key_is_a_key_vault_reference()
    {
        var value = (ArmExpression.Call)ArmExpression.Parse(Settings["Residency__PseudonymKey"]!.GetValue<string>());

        Assert.Equal("format", value.Function);
        Assert.Equal(new ArmExpression.StringLiteral("@Microsoft.KeyVault(VaultName={0};SecretName={1})"), value.Arguments[0]);
    }

    [Fact]
    public void Package_is_run_from_the_private_container_by_url()
    {
        var value = (ArmExpression.Call)ArmExpression.Parse(Settings["WEBSITE_RUN_FROM_PACKAGE"]!.GetValue<string>());

        Assert.Equal(new ArmExpression.StringLiteral("{0}{1}/{2}"), value.Arguments[0]);
        Assert.Equal(["hostBlobEndpoint", "packageContainerName", "packageBlobName"],
            value.Arguments.Skip(1).Select(a => a.IsParameterReference(out var p) ? p : "?"));
    }

    [Theory]
    [InlineData("AzureWebJobsStorage")]
    [InlineData("AzureWebJobsStorage__accountName")]
    [InlineData("EventHubConnection")]
    [InlineData("WEBSITE_CONTENTAZUREFILECONNECTIONSTRING")]
    [InlineData("WEBSITE_CONTENTSHARE")]
    [InlineData("ApplicationInsightsAgent_EXTENSION_VERSION")]
    [InlineData("APPINSIGHTS_INSTRUMENTATIONKEY")]
    public void Key_based_and_China_unsafe_settings_are_absent(string name)
    {
        Assert.DoesNotContain(name, Settings.Select(p => p.Key));
    }

    [Fact]
    public void App_is_https_only_private_vnet_integrated_and_without_basic_publishing()
    {
        var app = Resource("Microsoft.Web/sites");
        var properties = app["properties"]!;

        Assert.Equal("functionapp,linux", app["kind"]!.GetValue<string>());
        Assert.True(properties["httpsOnly"]!.GetValue<bool>());
        Assert.True(properties["vnetRouteAllEnabled"]!.GetValue<bool>());
        Assert.Equal("[parameters('integrationSubnetId')]", properties["virtualNetworkSubnetId"]!.GetValue<string>());
        Assert.Equal("Disabled", properties["publicNetworkAccess"]!.GetValue<string>());
        Assert.Equal("Disabled", properties["siteConfig"]!["ftpsState"]!.GetValue<string>());
        Assert.Equal("1.2", properties["siteConfig"]!["minTlsVersion"]!.GetValue<string>());
        var policies = FunctionApp.Resources.Where(r => TemplateScope.TypeOf(r) == "Microsoft.Web/sites/basicPublishingCredentialsPolicies").ToList();
        Assert.Equal(["ftp", "scm"], policies.Select(p => ((ArmExpression.Call)ArmExpression.Parse(p["name"]!.GetValue<string>())).Arguments[^1])
            .Cast<ArmExpression.StringLiteral>().Select(s => s.Value).Order(StringComparer.Ordinal));
        Assert.All(policies, p => Assert.False(p["properties"]!["allow"]!.GetValue<bool>()));
    }

    [Fact]
    public void Plan_is_linux_elastic_premium()
    {
        var plan = Resource("Microsoft.Web/serverfarms");

        Assert.Equal("ElasticPremium", plan["sku"]!["tier"]!.GetValue<string>());
        Assert.True(plan["properties"]!["reserved"]!.GetValue<bool>());
        Assert.All(FunctionApp.ParameterDeclaration("skuName")!["allowedValues"]!.AsArray(),
            sku => Assert.StartsWith("EP", sku!.GetValue<string>(), StringComparison.Ordinal));
    }
}
