// Least-privilege data-plane grants for the function app's identity, each scoped to the one resource it is
// needed on and named deterministically (guid of scope, principal and role), so redeployments are no-ops.

@description('Principal (object) id of the function app identity.')
param principalId string

@description('Name of the classified-data storage account.')
param dataStorageAccountName string

@description('Name of the Functions host storage account.')
param hostStorageAccountName string

@description('Name of the Event Hubs namespace.')
param eventHubsNamespaceName string

@description('Name of the event hub the app reads.')
param eventHubName string

@description('Name of the key vault holding the pseudonymization key.')
param keyVaultName string

@description('Name of the Application Insights component.')
param appInsightsName string

// Built-in role definition ids (the same GUIDs in every Azure cloud).
var roles = {
  // Blob index tags (written with every blob, read by Find Blobs by Tags) need tags/write and filter, which
  // among built-in roles only Storage Blob Data Owner carries.
  storageBlobDataOwner: 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
  storageQueueDataContributor: '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
  storageTableDataContributor: '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
  eventHubsDataReceiver: 'a638d3c7-ab3a-418d-83e6-5f17a39d4fde'
  keyVaultSecretsUser: '4633458b-17de-408a-b874-0445c86b69e6'
  monitoringMetricsPublisher: '3913510d-42f4-4e42-8a64-420c390055eb'
}

resource dataStorage 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: dataStorageAccountName
}

resource hostStorage 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: hostStorageAccountName
}

resource eventHubsNamespace 'Microsoft.EventHub/namespaces@2024-01-01' existing = {
  name: eventHubsNamespaceName

  resource hub 'eventhubs' existing = {
    name: eventHubName
  }
}

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' existing = {
  name: keyVaultName
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: appInsightsName
}

resource dataBlobOwner 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: dataStorage
  name: guid(dataStorage.id, principalId, roles.storageBlobDataOwner)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageBlobDataOwner)
    principalId: principalId
    principalType: 'ServicePrincipal'
    description: 'Ingest writes batch blobs with index tags, quarantine entries, commit records, partition heads and index markers.'
  }
}

resource hostBlobOwner 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: hostStorage
  name: guid(hostStorage.id, principalId, roles.storageBlobDataOwner)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageBlobDataOwner)
    principalId: principalId
    principalType: 'ServicePrincipal'
    description: 'Functions host: leases, checkpoints and the run-from-package zip.'
  }
}

resource hostQueueContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: hostStorage
  name: guid(hostStorage.id, principalId, roles.storageQueueDataContributor)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageQueueDataContributor)
    principalId: principalId
    principalType: 'ServicePrincipal'
    description: 'Functions host queues.'
  }
}

resource hostTableContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: hostStorage
  name: guid(hostStorage.id, principalId, roles.storageTableDataContributor)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageTableDataContributor)
    principalId: principalId
    principalType: 'ServicePrincipal'
    description: 'Functions host diagnostic events table.'
  }
}

resource hubReceiver 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: eventHubsNamespace::hub
  name: guid(eventHubsNamespace::hub.id, principalId, roles.eventHubsDataReceiver)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.eventHubsDataReceiver)
    principalId: principalId
    principalType: 'ServicePrincipal'
    description: 'Ingest function reads vehicle uploads from this hub only.'
  }
}

resource vaultSecretsUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: vault
  name: guid(vault.id, principalId, roles.keyVaultSecretsUser)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.keyVaultSecretsUser)
    principalId: principalId
    principalType: 'ServicePrincipal'
    description: 'Key Vault reference to the pseudonymization key.'
  }
}

resource metricsPublisher 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: appInsights
  name: guid(appInsights.id, principalId, roles.monitoringMetricsPublisher)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.monitoringMetricsPublisher)
    principalId: principalId
    principalType: 'ServicePrincipal'
    description: 'Entra ID authenticated telemetry ingestion (local auth is off).'
  }
}

@description('Name of the data storage role assignment (one representative name).')
output name string = dataBlobOwner.name

@description('Resource id of the data storage role assignment (one representative id).')
output resourceId string = dataBlobOwner.id
