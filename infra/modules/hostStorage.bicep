// The Functions host storage (AzureWebJobsStorage): host locks, Event Hubs checkpoints and the private
// container the run-from-package zip is read from. Keyless: the host and the package download use the
// user-assigned identity; there is no Azure Files content share (it would need an account key).

@description('Name of the storage account (3-24 lowercase letters and digits).')
@minLength(3)
@maxLength(24)
param name string

@description('Azure region; China North only.')
@allowed([
  'chinanorth3'
  'chinanorth2'
])
param location string

@description('Tags applied to every resource.')
param tags object

@description('Replication: ZRS where the region has zones (chinanorth3), otherwise LRS. Never geo-redundant.')
@allowed([
  'Standard_ZRS'
  'Standard_LRS'
])
param skuName string

@description('Name of the private container that holds the run-from-package zip files.')
param packageContainerName string = 'function-releases'

resource account 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: name
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: skuName
  }
  properties: {
    accessTier: 'Hot'
    allowBlobPublicAccess: false
    allowSharedKeyAccess: false
    allowCrossTenantReplication: false
    allowedCopyScope: 'PrivateLink'
    defaultToOAuthAuthentication: true
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    publicNetworkAccess: 'Disabled'
    networkAcls: {
      defaultAction: 'Deny'
      bypass: 'None'
    }
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' = {
  parent: account
  name: 'default'
  properties: {
    deleteRetentionPolicy: {
      enabled: true
      days: 7
    }
    containerDeleteRetentionPolicy: {
      enabled: true
      days: 7
    }
  }

  resource packages 'containers' = {
    name: packageContainerName
    properties: {
      publicAccess: 'None'
    }
  }
}

@description('Name of the storage account.')
output name string = account.name

@description('Resource id of the storage account.')
output resourceId string = account.id

@description('Blob endpoint, from the resource.')
output blobEndpoint string = account.properties.primaryEndpoints.blob

@description('Queue endpoint, from the resource.')
output queueEndpoint string = account.properties.primaryEndpoints.queue

@description('Table endpoint, from the resource.')
output tableEndpoint string = account.properties.primaryEndpoints.table

@description('Name of the run-from-package container.')
output packageContainerName string = blobService::packages.name
