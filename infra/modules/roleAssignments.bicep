// Least-privilege data-plane grants for the ingest app's identity, each scoped to the one resource it is needed on and
// named deterministically (guid of scope, principal and role), so redeployments are no-ops. Ingest parses untrusted
// bytes from every car, so on the data account it gets two custom roles of data actions only, each assigned per
// container (docs/security.md): it can never read stored level data, and what it can delete stays recoverable.

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

// Container names are a contract with the application (docs/storage.md); DataStorageTests pins them to dataStorage.bicep.
// Ingest writes into these and never reads them back.
var writeOnlyContainers = [
  'vehicle-general'
  'vehicle-personal'
  'vehicle-sensitive'
  'vehicle-important'
  'vehicle-quarantine'
]
// Ingest reads and creates in these: partition heads and vehicle markers; commit records, day summaries and the
// deletion receipts a day summary lists. The audit container's records are immutable once written.
var ledgerContainers = [
  'vehicle-index'
  'vehicle-audit'
]

resource dataBlobService 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' existing = {
  parent: dataStorage
  name: 'default'
}

resource writeOnlyContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' existing = [
  for name in writeOnlyContainers: {
    parent: dataBlobService
    name: name
  }
]

resource ledgerContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' existing = [
  for name in ledgerContainers: {
    parent: dataBlobService
    name: name
  }
]

// Role names are unique in the tenant: the resource group's name keeps two environments apart.
// Create blobs with their index tags; read tags only (a retried create recognises its own blob by them); delete the
// blobs of a superseded commit attempt. No read, so no stored line ever comes back out; no version or permanent
// delete, so with versioning on (dataStorage.bicep) a delete or an overwrite leaves the previous version in place.
resource ingestWriterRole 'Microsoft.Authorization/roleDefinitions@2022-04-01' = {
  name: guid(resourceGroup().id, 'residency-ingest-writer')
  properties: {
    roleName: 'Residency ingest writer (${resourceGroup().name})'
    description: 'Write-only on level and quarantine containers: create blobs with index tags, read tags, delete current versions.'
    type: 'CustomRole'
    assignableScopes: [
      resourceGroup().id
    ]
    permissions: [
      {
        actions: []
        notActions: []
        dataActions: [
          'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/write'
          'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/delete'
          'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/tags/read'
          'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/tags/write'
        ]
        notDataActions: []
      }
    ]
  }
}

// Read and create partition heads, vehicle markers and audit records; nothing is ever deleted here.
resource ingestLedgerRole 'Microsoft.Authorization/roleDefinitions@2022-04-01' = {
  name: guid(resourceGroup().id, 'residency-ingest-ledger')
  properties: {
    roleName: 'Residency ingest ledger (${resourceGroup().name})'
    description: 'Read and write partition heads, vehicle markers and audit records, with index tags; no delete.'
    type: 'CustomRole'
    assignableScopes: [
      resourceGroup().id
    ]
    permissions: [
      {
        actions: []
        notActions: []
        dataActions: [
          'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read'
          'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/write'
          'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/tags/write'
        ]
        notDataActions: []
      }
    ]
  }
}

resource dataWriteOnly 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for (name, i) in writeOnlyContainers: {
    scope: writeOnlyContainer[i]
    name: guid(writeOnlyContainer[i].id, principalId, ingestWriterRole.id)
    properties: {
      roleDefinitionId: ingestWriterRole.id
      principalId: principalId
      principalType: 'ServicePrincipal'
      description: 'Ingest writes batch blobs or quarantine entries here with index tags, and removes superseded attempts; it cannot read them.'
    }
  }
]

resource dataLedger 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for (name, i) in ledgerContainers: {
    scope: ledgerContainer[i]
    name: guid(ledgerContainer[i].id, principalId, ingestLedgerRole.id)
    properties: {
      roleDefinitionId: ingestLedgerRole.id
      principalId: principalId
      principalType: 'ServicePrincipal'
      description: 'Ingest reads and writes partition heads and vehicle markers, or commit records and day summaries, here.'
    }
  }
]

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
output name string = dataWriteOnly[0].name

@description('Resource id of the data storage role assignment (one representative id).')
output resourceId string = dataWriteOnly[0].id
