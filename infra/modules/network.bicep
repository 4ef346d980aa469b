// The virtual network: one subnet delegated to the Functions plan (outbound VNet integration) and one for the
// private endpoints of storage, Event Hubs, Key Vault and the app. Subnets are declared inline so a
// redeployment never races the VNet update against separate subnet resources.

@description('Name of the virtual network.')
param name string

@description('Azure region; China North only.')
@allowed([
  'chinanorth3'
  'chinanorth2'
])
param location string

@description('Tags applied to every resource.')
param tags object

@description('Address space of the virtual network.')
param addressPrefix string = '10.60.0.0/22'

@description('Prefix of the subnet delegated to the Elastic Premium plan (VNet integration).')
param functionsSubnetPrefix string = '10.60.0.0/24'

@description('Prefix of the subnet that holds the private endpoints.')
param privateEndpointSubnetPrefix string = '10.60.1.0/24'

var functionsSubnetName = 'snet-functions'
var privateEndpointSubnetName = 'snet-private-endpoints'

resource vnet 'Microsoft.Network/virtualNetworks@2023-11-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    addressSpace: {
      addressPrefixes: [
        addressPrefix
      ]
    }
    subnets: [
      {
        name: functionsSubnetName
        properties: {
          addressPrefix: functionsSubnetPrefix
          delegations: [
            {
              name: 'delegation-web-serverfarms'
              properties: {
                serviceName: 'Microsoft.Web/serverFarms'
              }
            }
          ]
        }
      }
      {
        name: privateEndpointSubnetName
        properties: {
          addressPrefix: privateEndpointSubnetPrefix
          defaultOutboundAccess: false
          privateEndpointNetworkPolicies: 'Disabled'
        }
      }
    ]
  }
}

@description('Name of the virtual network.')
output name string = vnet.name

@description('Resource id of the virtual network.')
output resourceId string = vnet.id

@description('Resource id of the subnet delegated to the Functions plan.')
output functionsSubnetId string = resourceId('Microsoft.Network/virtualNetworks/subnets', vnet.name, functionsSubnetName)

@description('Resource id of the private endpoint subnet.')
output privateEndpointSubnetId string = resourceId('Microsoft.Network/virtualNetworks/subnets', vnet.name, privateEndpointSubnetName)
