// The Elastic Premium Linux plan and the function app that runs the custom handler. Everything the app
// reaches (data storage, host storage, Event Hubs, Key Vault) is reached with the user-assigned identity over
// VNet integration; no connection string or key is stored. Endpoints come from resource outputs.

@description('Name of the Elastic Premium plan.')
param planName string

@description('Name of the function app.')
param appName string

@description('Azure region; China North only.')
@allowed([
  'chinanorth3'
  'chinanorth2'
])
param location string

@description('Tags applied to every resource.')
param tags object

@description('Elastic Premium size.')
@allowed([
  'EP1'
  'EP2'
  'EP3'
])
param skuName string = 'EP1'

@description('Upper bound of elastic scale-out.')
@minValue(1)
@maxValue(100)
param maximumElasticWorkerCount int = 20

@description('Spread the plan over availability zones (chinanorth3 only; needs at least 3 instances).')
param zoneRedundant bool

@description('Resource id of the user-assigned identity the app runs as.')
param identityResourceId string

@description('Client id of the user-assigned identity.')
param identityClientId string

@description('Resource id of the subnet delegated to Microsoft.Web/serverFarms.')
param integrationSubnetId string

@description('Blob endpoint of the Functions host storage.')
param hostBlobEndpoint string

@description('Queue endpoint of the Functions host storage.')
param hostQueueEndpoint string

@description('Table endpoint of the Functions host storage.')
param hostTableEndpoint string

@description('Private container in the host storage that holds the run-from-package zip.')
param packageContainerName string

@description('Blob name of the package zip inside the package container.')
param packageBlobName string

@description('Blob endpoint of the classified-data storage account.')
param dataBlobEndpoint string

@description('Fully qualified Event Hubs namespace host name.')
param eventHubsFullyQualifiedNamespace string

@description('Event hub the ingest function reads.')
param eventHubName string

@description('Consumer group the ingest function reads with.')
param eventHubConsumerGroup string

@description('Name of the key vault holding the pseudonymization key.')
param keyVaultName string

@description('Name of the Key Vault secret holding the pseudonymization key (base64, at least 32 bytes).')
param pseudonymKeyName string

@description('Identifier of the pseudonymization key, recorded with every classified upload.')
param pseudonymKeyId string

@description('Application Insights connection string.')
param appInsightsConnectionString string

resource plan 'Microsoft.Web/serverfarms@2023-12-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'elastic'
  sku: {
    name: skuName
    tier: 'ElasticPremium'
    family: 'EP'
    capacity: zoneRedundant ? 3 : 1
  }
  properties: {
    reserved: true
    maximumElasticWorkerCount: maximumElasticWorkerCount
    zoneRedundant: zoneRedundant
  }
}

var appSettings = {
  FUNCTIONS_EXTENSION_VERSION: '~4'
  FUNCTIONS_WORKER_RUNTIME: 'custom'
  AZURE_FUNCTIONS_ENVIRONMENT: 'Production'
  // Host storage, identity-based. Azure China: explicit service URIs, never __accountName (older extensions
  // would build public-cloud URLs from the account name).
  AzureWebJobsStorage__blobServiceUri: hostBlobEndpoint
  AzureWebJobsStorage__queueServiceUri: hostQueueEndpoint
  AzureWebJobsStorage__tableServiceUri: hostTableEndpoint
  AzureWebJobsStorage__credential: 'managedidentity'
  AzureWebJobsStorage__clientId: identityClientId
  // Keyless run-from-package: the zip is read from a private container with the user-assigned identity.
  WEBSITE_RUN_FROM_PACKAGE: '${hostBlobEndpoint}${packageContainerName}/${packageBlobName}'
  WEBSITE_RUN_FROM_PACKAGE_BLOB_MI_RESOURCE_ID: identityResourceId
  // Event Hubs trigger (function.json: connection EventHubConnection, %EventHubName%, %EventHubConsumerGroup%).
  EventHubConnection__fullyQualifiedNamespace: eventHubsFullyQualifiedNamespace
  EventHubConnection__credential: 'managedidentity'
  EventHubConnection__clientId: identityClientId
  EventHubName: eventHubName
  EventHubConsumerGroup: eventHubConsumerGroup
  // The custom handler's own settings.
  Residency__BlobEndpoint: dataBlobEndpoint
  Residency__Region: location
  Residency__PseudonymKey: '@Microsoft.KeyVault(VaultName=${keyVaultName};SecretName=${pseudonymKeyName})'
  Residency__PseudonymKeyId: pseudonymKeyId
  AZURE_CLIENT_ID: identityClientId
  AZURE_AUTHORITY_HOST: environment().authentication.loginEndpoint
  // Monitoring with Entra ID auth (the component has local auth off).
  APPLICATIONINSIGHTS_CONNECTION_STRING: appInsightsConnectionString
  APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identityClientId};Authorization=AAD'
}

resource app 'Microsoft.Web/sites@2023-12-01' = {
  name: appName
  location: location
  tags: tags
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityResourceId}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    reserved: true
    httpsOnly: true
    clientCertEnabled: false
    publicNetworkAccess: 'Disabled'
    virtualNetworkSubnetId: integrationSubnetId
    vnetRouteAllEnabled: true
    keyVaultReferenceIdentity: identityResourceId
    siteConfig: {
      linuxFxVersion: ''
      ftpsState: 'Disabled'
      minTlsVersion: '1.2'
      scmMinTlsVersion: '1.2'
      http20Enabled: true
      functionsRuntimeScaleMonitoringEnabled: true
      minimumElasticInstanceCount: zoneRedundant ? 3 : 1
      appSettings: [
        for setting in items(appSettings): {
          name: setting.key
          value: setting.value
        }
      ]
    }
  }
}

resource ftpPublishing 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2023-12-01' = {
  parent: app
  name: 'ftp'
  properties: {
    allow: false
  }
}

resource scmPublishing 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2023-12-01' = {
  parent: app
  name: 'scm'
  properties: {
    allow: false
  }
}

@description('Name of the function app.')
output name string = app.name

@description('Resource id of the function app.')
output resourceId string = app.id

@description('Resource id of the plan.')
output planResourceId string = plan.id
