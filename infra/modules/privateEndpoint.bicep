// One private endpoint for one sub-resource (blob, queue, table, namespace, vault, sites) of a target
// resource, registered in the matching private DNS zone. Reused for every private endpoint of the deployment.

@description('Name of the private endpoint.')
param name string

@description('Azure region; China North only.')
@allowed([
  'chinanorth3'
  'chinanorth2'
])
param location string

@description('Tags applied to every resource.')
param tags object

@description('Resource id of the subnet that holds the endpoint.')
param subnetId string

@description('Resource id of the resource the endpoint connects to.')
param targetResourceId string

@description('Private link sub-resource (group id) of the target, e.g. blob, namespace, vault, sites.')
param groupId string

@description('Resource id of the private DNS zone the endpoint registers in.')
param privateDnsZoneId string

resource endpoint 'Microsoft.Network/privateEndpoints@2023-11-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    subnet: {
      id: subnetId
    }
    privateLinkServiceConnections: [
      {
        name: name
        properties: {
          privateLinkServiceId: targetResourceId
          groupIds: [
            groupId
          ]
        }
      }
    ]
  }
}

resource dnsZoneGroup 'Microsoft.Network/privateEndpoints/privateDnsZoneGroups@2023-11-01' = {
  parent: endpoint
  name: 'default'
  properties: {
    privateDnsZoneConfigs: [
      {
        name: groupId
        properties: {
          privateDnsZoneId: privateDnsZoneId
        }
      }
    ]
  }
}

@description('Name of the private endpoint.')
output name string = endpoint.name

@description('Resource id of the private endpoint.')
output resourceId string = endpoint.id
