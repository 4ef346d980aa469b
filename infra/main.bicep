// China-resident vehicle data pipeline: the resource group, the "Allowed locations" guardrails, and one
// module per concern. Deploy at subscription scope to Azure China (see README.md and deploy.sh).
targetScope = 'subscription'

@description('Azure region for every resource: China North only (chinanorth3 has availability zones).')
@allowed([
  'chinanorth3'
  'chinanorth2'
])
param location string = 'chinanorth3'

@description('Environment name, part of every resource name and tag.')
@allowed([
  'dev'
  'prod'
])
param environmentName string

@description('Short prefix of every resource name: lowercase letters and digits (storage account names allow nothing else).')
@minLength(2)
@maxLength(8)
param namePrefix string = 'resid'

@description('Tags applied to every resource (merged with the environment and workload tags).')
param tags object = {}

@description('Use zone-redundant storage, Event Hubs and plan. Only chinanorth3 has availability zones: set false for chinanorth2.')
param zoneRedundant bool = true

@description('Assign the "Allowed locations for resource groups" policy too (its presence in Azure China is unconfirmed; set false if the definition is missing).')
param assignResourceGroupLocationPolicy bool = true

@description('Regions the subscription-wide "Allowed locations" policies permit: China North only. Both regions by default, so dev and prod may use different ones; every deployment to the subscription shares this one list.')
@allowed([
  'chinanorth3'
  'chinanorth2'
])
param policyAllowedLocations array = [
  'chinanorth3'
  'chinanorth2'
]

@description('Elastic Premium size of the Functions plan.')
@allowed([
  'EP1'
  'EP2'
  'EP3'
])
param functionsPlanSku string = 'EP1'

@description('Upper bound of elastic scale-out of the Functions plan.')
@minValue(1)
@maxValue(100)
param maximumElasticWorkerCount int = 20

@description('Event Hubs throughput units.')
@minValue(1)
@maxValue(20)
param eventHubsCapacity int = 2

@description('Partitions of the vehicle-uploads hub (fixed at creation).')
@minValue(1)
@maxValue(32)
param eventHubPartitionCount int = 8

@description('Days Event Hubs keeps events (1 to 7).')
@minValue(1)
@maxValue(7)
param eventHubRetentionDays int = 7

@description('Days after creation after which blobs of each level are deleted. Keys: general, personal, sensitive, important, quarantine.')
param retentionDays object = {
  general: 730
  personal: 365
  sensitive: 90
  important: 1095
  quarantine: 90
}

@description('Days each audit ledger blob stays immutable.')
@minValue(1)
param auditImmutabilityDays int = 1095

@description('Name of the Key Vault secret that holds the pseudonymization key (created by an operator).')
param pseudonymKeyName string = 'pseudonym-key'

@description('Identifier of the pseudonymization key, recorded with every classified upload; change it when the key rotates.')
param pseudonymKeyId string

@description('Blob name of the run-from-package zip inside the package container.')
param packageBlobName string = 'residency-functions.zip'

@description('Blob name of the operations app\'s run-from-package zip in the package container.')
param operationsPackageBlobName string = 'residency-operations.zip'

@description('Client id of the privacy operations API\'s Entra app registration (Azure China), with the app role PrivacyOperator.')
@minLength(36)
@maxLength(36)
param operationsApiClientId string

@description('Address space of the virtual network.')
param vnetAddressPrefix string = '10.60.0.0/22'

@description('Subnet delegated to the Functions plan.')
param functionsSubnetPrefix string = '10.60.0.0/24'

@description('Subnet for private endpoints.')
param privateEndpointSubnetPrefix string = '10.60.1.0/24'

@description('E-mail address the ingest alerts go to (the on-call operators).')
param alertEmail string

@description('Webhook the ingest alerts are posted to (an on-call or chat tool in China); empty for none.')
param alertWebhookUri string = ''

// Built-in policy definitions (same ids in every Azure cloud).
var allowedLocationsPolicyId = 'e56962a6-4747-49cd-b67b-bf8b01975c4c'
var allowedResourceGroupLocationsPolicyId = 'e765b5de-1225-4ba3-bd56-1ac6695af988'

var baseName = '${namePrefix}-${environmentName}'
var compactName = toLower('${namePrefix}${environmentName}')
var unique = take(uniqueString(subscription().id, baseName), 6)
var resourceGroupName = 'rg-${baseName}'
var allTags = union(tags, {
  workload: 'vehicle-residency'
  environment: environmentName
  dataResidency: 'china-north'
})
var storageSku = zoneRedundant ? 'Standard_ZRS' : 'Standard_LRS'

resource rg 'Microsoft.Resources/resourceGroups@2024-03-01' = {
  name: resourceGroupName
  location: location
  tags: allTags
}

resource allowedLocationsAssignment 'Microsoft.Authorization/policyAssignments@2022-06-01' = {
  name: 'residency-allowed-locations'
  properties: {
    displayName: 'Residency: resources only in China North'
    description: 'Denies any resource outside China North (global resources such as private DNS zones are exempt by the definition).'
    policyDefinitionId: tenantResourceId('Microsoft.Authorization/policyDefinitions', allowedLocationsPolicyId)
    enforcementMode: 'Default'
    parameters: {
      listOfAllowedLocations: {
        value: policyAllowedLocations
      }
    }
    nonComplianceMessages: [
      {
        message: 'Vehicle data must stay in China North.'
      }
    ]
  }
}

resource allowedResourceGroupLocationsAssignment 'Microsoft.Authorization/policyAssignments@2022-06-01' = if (assignResourceGroupLocationPolicy) {
  name: 'residency-allowed-rg-locations'
  properties: {
    displayName: 'Residency: resource groups only in China North'
    description: 'Denies resource groups outside China North.'
    policyDefinitionId: tenantResourceId('Microsoft.Authorization/policyDefinitions', allowedResourceGroupLocationsPolicyId)
    enforcementMode: 'Default'
    parameters: {
      listOfAllowedLocations: {
        value: policyAllowedLocations
      }
    }
  }
}

module identity 'modules/identity.bicep' = {
  scope: rg
  name: 'identity'
  params: {
    name: 'id-${baseName}'
    location: location
    tags: allTags
  }
}

// The privacy operations app runs as its own identity: a flaw in ingest, which parses untrusted bytes, never holds
// the operations grants, and the operations app holds nothing on Event Hubs.
module operationsIdentity 'modules/identity.bicep' = {
  scope: rg
  name: 'operations-identity'
  params: {
    name: 'id-${baseName}-ops'
    location: location
    tags: allTags
  }
}

module network 'modules/network.bicep' = {
  scope: rg
  name: 'network'
  params: {
    name: 'vnet-${baseName}'
    location: location
    tags: allTags
    addressPrefix: vnetAddressPrefix
    functionsSubnetPrefix: functionsSubnetPrefix
    privateEndpointSubnetPrefix: privateEndpointSubnetPrefix
  }
}

module dnsZones 'modules/privateDnsZones.bicep' = {
  scope: rg
  name: 'private-dns-zones'
  params: {
    virtualNetworkId: network.outputs.resourceId
    tags: allTags
  }
}

module monitoring 'modules/monitoring.bicep' = {
  scope: rg
  name: 'monitoring'
  params: {
    workspaceName: 'log-${baseName}'
    appInsightsName: 'appi-${baseName}'
    location: location
    tags: allTags
  }
}

module dataStorage 'modules/dataStorage.bicep' = {
  scope: rg
  name: 'data-storage'
  params: {
    name: take('${compactName}data${unique}', 24)
    location: location
    tags: allTags
    skuName: storageSku
    retentionDays: retentionDays
    auditImmutabilityDays: auditImmutabilityDays
  }
}

module hostStorage 'modules/hostStorage.bicep' = {
  scope: rg
  name: 'host-storage'
  params: {
    name: take('${compactName}host${unique}', 24)
    location: location
    tags: allTags
    skuName: storageSku
  }
}

// The operations app's own Functions host storage: its run-from-package zip must be out of reach of the ingest
// identity, which holds Storage Blob Data Owner on the ingest host storage (a package it could replace would run with
// the operations app's rights to read and erase stored data).
module operationsHostStorage 'modules/hostStorage.bicep' = {
  scope: rg
  name: 'operations-host-storage'
  params: {
    name: take('${compactName}opsh${unique}', 24)
    location: location
    tags: allTags
    skuName: storageSku
  }
}

module eventHubs 'modules/eventHubs.bicep' = {
  scope: rg
  name: 'event-hubs'
  params: {
    name: 'evhns-${baseName}-${unique}'
    location: location
    tags: allTags
    capacity: eventHubsCapacity
    zoneRedundant: zoneRedundant
    partitionCount: eventHubPartitionCount
    messageRetentionInDays: eventHubRetentionDays
  }
}

module keyVault 'modules/keyVault.bicep' = {
  scope: rg
  name: 'key-vault'
  params: {
    name: take('kv-${baseName}-${unique}', 24)
    location: location
    tags: allTags
  }
}

// One private endpoint per sub-resource the app reaches. The list is constant (a loop must be known when the
// deployment starts); the target ids, which are module outputs, are looked up inside the loop body.
var privateEndpoints = [
  {
    name: 'data-blob'
    target: 'dataStorage'
    groupId: 'blob'
    zone: 'blob'
  }
  {
    name: 'host-blob'
    target: 'hostStorage'
    groupId: 'blob'
    zone: 'blob'
  }
  {
    name: 'host-queue'
    target: 'hostStorage'
    groupId: 'queue'
    zone: 'queue'
  }
  {
    name: 'host-table'
    target: 'hostStorage'
    groupId: 'table'
    zone: 'table'
  }
  {
    name: 'ops-host-blob'
    target: 'operationsHostStorage'
    groupId: 'blob'
    zone: 'blob'
  }
  {
    name: 'ops-host-queue'
    target: 'operationsHostStorage'
    groupId: 'queue'
    zone: 'queue'
  }
  {
    name: 'ops-host-table'
    target: 'operationsHostStorage'
    groupId: 'table'
    zone: 'table'
  }
  {
    name: 'evhns'
    target: 'eventHubs'
    groupId: 'namespace'
    zone: 'servicebus'
  }
  {
    name: 'kv'
    target: 'keyVault'
    groupId: 'vault'
    zone: 'vault'
  }
]

module endpoints 'modules/privateEndpoint.bicep' = [
  for endpoint in privateEndpoints: {
    scope: rg
    name: 'pe-${endpoint.name}'
    params: {
      name: 'pe-${baseName}-${endpoint.name}'
      location: location
      tags: allTags
      subnetId: network.outputs.privateEndpointSubnetId
      targetResourceId: {
        dataStorage: dataStorage.outputs.resourceId
        hostStorage: hostStorage.outputs.resourceId
        operationsHostStorage: operationsHostStorage.outputs.resourceId
        eventHubs: eventHubs.outputs.resourceId
        keyVault: keyVault.outputs.resourceId
      }[endpoint.target]
      groupId: endpoint.groupId
      privateDnsZoneId: dnsZones.outputs.zoneIds[endpoint.zone]
    }
  }
]

module functionApp 'modules/functionApp.bicep' = {
  scope: rg
  name: 'function-app'
  params: {
    planName: 'asp-${baseName}'
    appName: 'func-${baseName}-${unique}'
    location: location
    tags: allTags
    skuName: functionsPlanSku
    maximumElasticWorkerCount: maximumElasticWorkerCount
    zoneRedundant: zoneRedundant
    identityResourceId: identity.outputs.resourceId
    identityClientId: identity.outputs.clientId
    integrationSubnetId: network.outputs.functionsSubnetId
    hostBlobEndpoint: hostStorage.outputs.blobEndpoint
    hostQueueEndpoint: hostStorage.outputs.queueEndpoint
    hostTableEndpoint: hostStorage.outputs.tableEndpoint
    packageContainerName: hostStorage.outputs.packageContainerName
    packageBlobName: packageBlobName
    dataBlobEndpoint: dataStorage.outputs.blobEndpoint
    eventHubsFullyQualifiedNamespace: eventHubs.outputs.fullyQualifiedNamespace
    eventHubName: eventHubs.outputs.eventHubName
    eventHubConsumerGroup: eventHubs.outputs.consumerGroupName
    keyVaultName: keyVault.outputs.name
    pseudonymKeyName: pseudonymKeyName
    pseudonymKeyId: pseudonymKeyId
    appInsightsConnectionString: monitoring.outputs.connectionString
  }
  // Role grants and private endpoints first, so the host's first start can read its package, storage and key.
  dependsOn: [
    access
    endpoints
  ]
}

// Inbound private endpoint of the function app (its public network access is off).
module functionAppEndpoint 'modules/privateEndpoint.bicep' = {
  scope: rg
  name: 'pe-func'
  params: {
    name: 'pe-${baseName}-func'
    location: location
    tags: allTags
    subnetId: network.outputs.privateEndpointSubnetId
    targetResourceId: functionApp.outputs.resourceId
    groupId: 'sites'
    privateDnsZoneId: dnsZones.outputs.zoneIds.sites
  }
}

module operationsApp 'modules/operationsApp.bicep' = {
  scope: rg
  name: 'operations-app'
  params: {
    appName: 'func-${baseName}-ops-${unique}'
    planResourceId: functionApp.outputs.planResourceId
    location: location
    tags: allTags
    identityResourceId: operationsIdentity.outputs.resourceId
    identityClientId: operationsIdentity.outputs.clientId
    integrationSubnetId: network.outputs.functionsSubnetId
    hostBlobEndpoint: operationsHostStorage.outputs.blobEndpoint
    hostQueueEndpoint: operationsHostStorage.outputs.queueEndpoint
    hostTableEndpoint: operationsHostStorage.outputs.tableEndpoint
    packageContainerName: operationsHostStorage.outputs.packageContainerName
    packageBlobName: operationsPackageBlobName
    dataBlobEndpoint: dataStorage.outputs.blobEndpoint
    keyVaultName: keyVault.outputs.name
    pseudonymKeyName: pseudonymKeyName
    pseudonymKeyId: pseudonymKeyId
    appInsightsConnectionString: monitoring.outputs.connectionString
    apiClientId: operationsApiClientId
  }
  dependsOn: [
    operationsAccess
    endpoints
  ]
}

// Inbound private endpoint of the operations app (its public network access is off): the privacy team's ticket
// system reaches it from the virtual network or a peered one.
module operationsAppEndpoint 'modules/privateEndpoint.bicep' = {
  scope: rg
  name: 'pe-func-ops'
  params: {
    name: 'pe-${baseName}-func-ops'
    location: location
    tags: allTags
    subnetId: network.outputs.privateEndpointSubnetId
    targetResourceId: operationsApp.outputs.resourceId
    groupId: 'sites'
    privateDnsZoneId: dnsZones.outputs.zoneIds.sites
  }
}

module operationsAccess 'modules/operationsAccess.bicep' = {
  scope: rg
  name: 'operations-role-assignments'
  params: {
    principalId: operationsIdentity.outputs.principalId
    dataStorageAccountName: dataStorage.outputs.name
    hostStorageAccountName: operationsHostStorage.outputs.name
    keyVaultName: keyVault.outputs.name
    appInsightsName: monitoring.outputs.name
  }
}

module auditLogs 'modules/auditLogs.bicep' = {
  scope: rg
  name: 'audit-logs'
  params: {
    workspaceResourceId: monitoring.outputs.workspaceResourceId
    dataStorageAccountName: dataStorage.outputs.name
    keyVaultName: keyVault.outputs.name
    eventHubsNamespaceName: eventHubs.outputs.name
  }
}

module alerts 'modules/alerts.bicep' = {
  scope: rg
  name: 'alerts'
  params: {
    location: location
    tags: allTags
    baseName: baseName
    appInsightsResourceId: monitoring.outputs.resourceId
    workspaceResourceId: monitoring.outputs.workspaceResourceId
    alertEmail: alertEmail
    alertWebhookUri: alertWebhookUri
  }
}

module workbook 'modules/workbook.bicep' = {
  scope: rg
  name: 'workbook'
  params: {
    location: location
    tags: allTags
    appInsightsResourceId: monitoring.outputs.resourceId
  }
}

module access 'modules/roleAssignments.bicep' = {
  scope: rg
  name: 'role-assignments'
  params: {
    principalId: identity.outputs.principalId
    dataStorageAccountName: dataStorage.outputs.name
    hostStorageAccountName: hostStorage.outputs.name
    eventHubsNamespaceName: eventHubs.outputs.name
    eventHubName: eventHubs.outputs.eventHubName
    keyVaultName: keyVault.outputs.name
    appInsightsName: monitoring.outputs.name
  }
}

@description('Name of the resource group.')
output name string = rg.name

@description('Resource id of the resource group.')
output resourceId string = rg.id

@description('Name of the function app.')
output functionAppName string = functionApp.outputs.name

@description('Name of the Functions host storage account (upload the package here).')
output hostStorageAccountName string = hostStorage.outputs.name

@description('Container that holds the run-from-package zip.')
output packageContainerName string = hostStorage.outputs.packageContainerName

@description('Name of the operations app\'s own host storage account (its package goes to the same container name there).')
output operationsHostStorageAccountName string = operationsHostStorage.outputs.name

@description('Name of the classified-data storage account.')
output dataStorageAccountName string = dataStorage.outputs.name

@description('Blob endpoint of the classified-data account.')
output dataBlobEndpoint string = dataStorage.outputs.blobEndpoint

@description('Name of the key vault (create the pseudonymization key secret here).')
output keyVaultName string = keyVault.outputs.name

@description('Fully qualified Event Hubs namespace vehicles publish to.')
output eventHubsNamespace string = eventHubs.outputs.fullyQualifiedNamespace
