// Access and operation logs of the services that hold or guard vehicle data, sent to the Log Analytics
// workspace: who read, wrote or deleted classified blobs, who read the pseudonymization key, and Event Hubs
// operations. Only long-standing log categories are used (they exist in Azure China).

@description('Resource id of the Log Analytics workspace that receives the logs.')
param workspaceResourceId string

@description('Name of the classified-data storage account.')
param dataStorageAccountName string

@description('Name of the key vault holding the pseudonymization key.')
param keyVaultName string

@description('Name of the Event Hubs namespace.')
param eventHubsNamespaceName string

var settingName = 'audit-to-log-analytics'

resource dataStorage 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: dataStorageAccountName

  resource blobService 'blobServices' existing = {
    name: 'default'
  }
}

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' existing = {
  name: keyVaultName
}

resource eventHubsNamespace 'Microsoft.EventHub/namespaces@2024-01-01' existing = {
  name: eventHubsNamespaceName
}

resource blobLogs 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  scope: dataStorage::blobService
  name: settingName
  properties: {
    workspaceId: workspaceResourceId
    logs: [
      for category in [
        'StorageRead'
        'StorageWrite'
        'StorageDelete'
      ]: {
        category: category
        enabled: true
      }
    ]
  }
}

resource vaultLogs 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  scope: vault
  name: settingName
  properties: {
    workspaceId: workspaceResourceId
    logs: [
      {
        category: 'AuditEvent'
        enabled: true
      }
    ]
  }
}

resource eventHubsLogs 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  scope: eventHubsNamespace
  name: settingName
  properties: {
    workspaceId: workspaceResourceId
    logs: [
      {
        category: 'OperationalLogs'
        enabled: true
      }
    ]
    // IncomingMessages vs OutgoingMessages: the alert on ingest falling behind reads them in the workspace.
    metrics: [
      {
        category: 'AllMetrics'
        enabled: true
      }
    ]
  }
}

@description('Name of the diagnostic settings (the same on every resource).')
output name string = settingName

@description('Resource id of the blob service diagnostic setting (one representative id).')
output resourceId string = blobLogs.id
