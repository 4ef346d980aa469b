using Residency.Infra.Tests.Model;
using Residency.Infra.Tests.Parsing;
using Xunit;

namespace Residency.Infra.Tests;

/// <summary>The function app's settings and hardening, as the handler and the Functions host rely on them.</summary>
public class FunctionAppSettingsTests
{
    private static readonly BicepDocument FunctionApp = InfraFiles.Document(InfraFiles.Infra("modules/functionApp.bicep"));

    private static Dictionary<string, BicepNode> Settings() =>
        BicepDocument.Properties(FunctionApp.Variables["appSettings"].Value).ToDictionary(p => p.Name, p => p.Value, StringComparer.Ordinal);

    [Theory]
    [InlineData("FUNCTIONS_EXTENSION_VERSION", "~4")]
    [InlineData("FUNCTIONS_WORKER_RUNTIME", "custom")]
    [InlineData("AZURE_FUNCTIONS_ENVIRONMENT", "Production")]
    [InlineData("AzureWebJobsStorage__credential", "managedidentity")]
    [InlineData("EventHubConnection__credential", "managedidentity")]
    public void Fixed_settings_have_their_values(string name, string value)
    {
        Assert.Equal(value, BicepString.LiteralValue(Settings()[name]));
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
    public void Endpoint_and_identity_settings_come_from_parameters_fed_by_resource_outputs(string name, string parameter)
    {
        var value = Settings()[name];

        Assert.Equal("identifier", value.Type);
        Assert.Equal(parameter, value.Text);
        Assert.True(FunctionApp.Parameters.ContainsKey(parameter));
    }

    [Fact]
    public void Pseudonymization_key_is_a_key_vault_reference()
    {
        var value = Settings()["Residency__PseudonymKey"];

        Assert.Equal("@Microsoft.KeyVault(VaultName=#;SecretName=#)", BicepString.Pattern(value, "#"));
    }

    [Fact]
    public void Package_is_run_from_the_private_container_by_url()
    {
        Assert.Equal("##/#", BicepString.Pattern(Settings()["WEBSITE_RUN_FROM_PACKAGE"], "#"));
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
        Assert.DoesNotContain(name, Settings().Keys);
    }

    [Fact]
    public void App_is_https_only_private_vnet_integrated_and_without_basic_publishing()
    {
        var app = Assert.Single(FunctionApp.Resources, r => r.FullType == "Microsoft.Web/sites");

        Assert.Equal("'functionapp,linux'", BicepDocument.Property(app.Body, "kind")?.Text);
        Assert.Equal("true", BicepDocument.PropertyPath(app.Body, "properties", "httpsOnly")?.Text);
        Assert.Equal("true", BicepDocument.PropertyPath(app.Body, "properties", "vnetRouteAllEnabled")?.Text);
        Assert.Equal("integrationSubnetId", BicepDocument.PropertyPath(app.Body, "properties", "virtualNetworkSubnetId")?.Text);
        Assert.Equal("Disabled", BicepString.LiteralValue(BicepDocument.PropertyPath(app.Body, "properties", "publicNetworkAccess")));
        Assert.Equal("Disabled", BicepString.LiteralValue(BicepDocument.PropertyPath(app.Body, "properties", "siteConfig", "ftpsState")));
        Assert.Equal("1.2", BicepString.LiteralValue(BicepDocument.PropertyPath(app.Body, "properties", "siteConfig", "minTlsVersion")));
        var policies = FunctionApp.Resources.Where(r => r.FullType == "Microsoft.Web/sites/basicPublishingCredentialsPolicies").ToList();
        Assert.Equal(["ftp", "scm"], policies.Select(p => BicepString.LiteralValue(BicepDocument.Property(p.Body, "name"))).Order(StringComparer.Ordinal));
        Assert.All(policies, p => Assert.Equal("false", BicepDocument.PropertyPath(p.Body, "properties", "allow")?.Text));
    }

    [Fact]
    public void Plan_is_linux_elastic_premium()
    {
        var plan = Assert.Single(FunctionApp.Resources, r => r.FullType == "Microsoft.Web/serverfarms");

        Assert.Equal("ElasticPremium", BicepString.LiteralValue(BicepDocument.PropertyPath(plan.Body, "sku", "tier")));
        Assert.Equal("true", BicepDocument.PropertyPath(plan.Body, "properties", "reserved")?.Text);
        Assert.All(BicepDocument.AllowedValues(FunctionApp.Parameters["skuName"])!, sku => Assert.StartsWith("EP", sku, StringComparison.Ordinal));
    }
}
