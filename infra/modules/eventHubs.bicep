// The Event Hubs namespace vehicles publish to: Entra ID only (local SAS auth off), TLS 1.2, one hub
// `vehicle-uploads` partitioned by vehicle, and the consumer group the ingest function reads with.

@description('Name of the Event Hubs namespace.')
param name string

@description('Azure region; China North only.')
@allowed([
  'chinanorth3'
  'chinanorth2'
])
param location string

@description('Tags applied to every resource.')
param tags object

@description('Throughput units (Standard tier).')
@minValue(1)
@maxValue(20)
param capacity int = 2

@description('Upper bound for auto-inflate of throughput units.')
@minValue(1)
@maxValue(20)
param maximumThroughputUnits int = 10

@description('Spread the namespace over availability zones (chinanorth3 only; fixed at creation).')
param zoneRedundant bool

@description('Public network access: vehicles publish over the internet, so Enabled unless they arrive through a private network.')
@allowed([
  'Enabled'
  'Disabled'
])
param publicNetworkAccess string = 'Enabled'

@description('Name of the event hub (a contract with the function binding).')
param eventHubName string = 'vehicle-uploads'

@description('Partitions of the hub (fixed at creation on Standard).')
@minValue(1)
@maxValue(32)
param partitionCount int = 8

@description('Days events are retained (Standard: 1 to 7).')
@minValue(1)
@maxValue(7)
param messageRetentionInDays int = 7

@description('Consumer group the ingest function reads with.')
param consumerGroupName string = 'residency'

resource namespace 'Microsoft.EventHub/namespaces@2024-01-01' = {
  name: name
  location: location
  tags: tags
  sku: {
    name: 'Standard'
    tier: 'Standard'
    capacity: capacity
  }
  properties: {
    disableLocalAuth: true
    minimumTlsVersion: '1.2'
    publicNetworkAccess: publicNetworkAccess
    zoneRedundant: zoneRedundant
    kafkaEnabled: false
    isAutoInflateEnabled: true
    maximumThroughputUnits: maximumThroughputUnits
  }
}

resource hub 'Microsoft.EventHub/namespaces/eventhubs@2024-01-01' = {
  parent: namespace
  name: eventHubName
  properties: {
    partitionCount: partitionCount
    messageRetentionInDays: messageRetentionInDays
  }

  resource consumerGroup 'consumergroups' = {
    name: consumerGroupName
    properties: {
      userMetadata: 'Residency ingest function (classify and store in China North).'
    }
  }
}

@description('Name of the namespace.')
output name string = namespace.name

@description('Resource id of the namespace.')
output resourceId string = namespace.id

@description('Resource id of the event hub (scope of the receiver role).')
output eventHubResourceId string = hub.id

@description('Name of the event hub.')
output eventHubName string = hub.name

@description('Name of the consumer group.')
output consumerGroupName string = hub::consumerGroup.name

@description('Fully qualified namespace host name, taken from the resource endpoint (https://<ns>.servicebus.<suffix>:443/).')
output fullyQualifiedNamespace string = split(split(split(namespace.properties.serviceBusEndpoint, '://')[1], '/')[0], ':')[0]
