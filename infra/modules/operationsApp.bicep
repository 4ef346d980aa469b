// The privacy team's subject-request API (functions/Residency.Operations, an isolated-worker app) on the ingest app's
// plan, with its own identity. App Service authentication (Easy Auth v2) with Entra ID in Azure China sits in front:
// the code trusts X-MS-CLIENT-PRINCIPAL only because Easy Auth strips and rewrites it, so the app cannot run without it.
// No Event Hubs setting: this app never reads the uploads.

@description('Name of the operations function app.')
param appName string

@description('Resource id of the Elastic Premium plan it shares with ingest.')
param planResourceId string

@description('Azure region; China North only.')
@allowed([
  'chinanorth3'
  'chinanorth2'
])
param location string

@description('Tags applied to every resource.')
param tags object

@description('Resource id of the operations app\'s own user-assigned identity.')
param identityResourceId string

@description('Client id of that identity.')
param identityClientId string

@description('Resource id of the subnet delegated to Microsoft.Web/serverFarms.')
param integrationSubnetId string

@description('Blob endpoint of the Functions host storage.')
param hostBlobEndpoint string

@description('Queue endpoint of the Functions host storage.')
param hostQueueEndpoint string

@description('Table endpoint of the Functions host storage.')
param hostTableEndpoint string

@description('Private container in the host storage that holds the run-from-package zips.')
param packageContainerName string

@description('Blob name of the operations app\'s package zip.')
param packageBlobName string

@description('Blob endpoint of the classified-data storage account.')
param dataBlobEndpoint string

@description('Name of the key vault holding the pseudonymization key (a VIN in a request becomes its vehicle key).')
param keyVaultName string

@description('Name of the Key Vault secret holding the pseudonymization key.')
param pseudonymKeyName string

@description('Identifier of the pseudonymization key.')
param pseudonymKeyId string

@description('Application Insights connection string.')
param appInsightsConnectionString string

@description('Client id of the API\'s Entra app registration (Azure China); its app role PrivacyOperator is what the code requires.')
@minLength(36)
@maxLength(36)
param apiClientId string

var appSettings = {
  FUNCTIONS_EXTENSION_VERSION: '~4'
  FUNCTIONS_WORKER_RUNTIME: 'dotnet-isolated'
  AZURE_FUNCTIONS_ENVIRONMENT: 'Production'
  AzureWebJobsStorage__blobServiceUri: hostBlobEndpoint
  AzureWebJobsStorage__queueServiceUri: hostQueueEndpoint
  AzureWebJobsStorage__tableServiceUri: hostTableEndpoint
  AzureWebJobsStorage__credential: 'managedidentity'
  AzureWebJobsStorage__clientId: identityClientId
  WEBSITE_RUN_FROM_PACKAGE: '${hostBlobEndpoint}${packageContainerName}/${packageBlobName}'
  WEBSITE_RUN_FROM_PACKAGE_BLOB_MI_RESOURCE_ID: identityResourceId
  Residency__BlobEndpoint: dataBlobEndpoint
  Residency__Region: location
  Residency__PseudonymKey: '@Microsoft.KeyVault(VaultName=${keyVaultName};SecretName=${pseudonymKeyName})'
  Residency__PseudonymKeyId: pseudonymKeyId
  AZURE_CLIENT_ID: identityClientId
  AZURE_AUTHORITY_HOST: environment().authentication.loginEndpoint
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
    serverFarmId: planResourceId
    reserved: true
    httpsOnly: true
    clientCertEnabled: false
    publicNetworkAccess: 'Disabled'
    virtualNetworkSubnetId: integrationSubnetId
    vnetRouteAllEnabled: true
    keyVaultReferenceIdentity: identityResourceId
    siteConfig: {
      linuxFxVersion: 'DOTNET-ISOLATED|10.0'
      ftpsState: 'Disabled'
      minTlsVersion: '1.2'
      scmMinTlsVersion: '1.2'
      http20Enabled: true
      appSettings: [
        for setting in items(appSettings): {
          name: setting.key
          value: setting.value
        }
      ]
    }
  }
}

// Easy Auth v2: every request needs an Entra token for the API (401 otherwise); the platform then sets
// X-MS-CLIENT-PRINCIPAL, which the code reads for the PrivacyOperator role.
resource auth 'Microsoft.Web/sites/config@2023-12-01' = {
  parent: app
  name: 'authsettingsV2'
  properties: {
    platform: {
      enabled: true
    }
    globalValidation: {
      requireAuthentication: true
      unauthenticatedClientAction: 'Return401'
    }
    identityProviders: {
      azureActiveDirectory: {
        enabled: true
        registration: {
          clientId: apiClientId
          openIdIssuer: '${environment().authentication.loginEndpoint}${tenant().tenantId}/v2.0'
        }
        validation: {
          allowedAudiences: [
            'api://${apiClientId}'
            apiClientId
          ]
        }
      }
    }
    login: {
      tokenStore: {
        enabled: false
      }
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

@description('Name of the operations function app.')
output name string = app.name

@description('Resource id of the operations function app.')
output resourceId string = app.id
