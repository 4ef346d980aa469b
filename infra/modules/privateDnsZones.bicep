// The Azure China private DNS zones the private endpoints register in, each linked to the VNet.
// Storage and Key Vault zone names are built from environment() suffixes (core.chinacloudapi.cn and
// vault.azure.cn in Azure China). Event Hubs and App Service have no environment() suffix, so their two zone
// names are written out for Azure China: they are DNS zone names, not endpoints, and bicepconfig.json lists
// exactly these two under no-hardcoded-env-urls "excludedhosts" (the infra tests read the same list).

@description('Resource id of the virtual network the zones are linked to.')
param virtualNetworkId string

@description('Tags applied to every resource.')
param tags object

var storageSuffix = environment().suffixes.storage
var zoneNames = {
  blob: 'privatelink.blob.${storageSuffix}'
  queue: 'privatelink.queue.${storageSuffix}'
  table: 'privatelink.table.${storageSuffix}'
  // keyvaultDns is '.vault.azure.cn' in Azure China; the private link zone is 'privatelink.vaultcore.azure.cn'.
  vault: 'privatelink${replace(environment().suffixes.keyvaultDns, '.vault.', '.vaultcore.')}'
  servicebus: 'privatelink.servicebus.chinacloudapi.cn'
  sites: 'privatelink.chinacloudsites.cn'
}
var zoneKeys = objectKeys(zoneNames)

resource zones 'Microsoft.Network/privateDnsZones@2020-06-01' = [
  for key in zoneKeys: {
    name: zoneNames[key]
    location: 'global'
    tags: tags
  }
]

resource links 'Microsoft.Network/privateDnsZones/virtualNetworkLinks@2020-06-01' = [
  for (key, i) in zoneKeys: {
    parent: zones[i]
    name: 'link-${key}'
    location: 'global'
    tags: tags
    properties: {
      registrationEnabled: false
      virtualNetwork: {
        id: virtualNetworkId
      }
    }
  }
]

@description('Name of the blob zone (one representative name; see zoneIds for all).')
output name string = zones[0].name

@description('Resource id of the blob zone (one representative id; see zoneIds for all).')
output resourceId string = zones[0].id

@description('Zone resource ids keyed by service: blob, queue, table, vault, servicebus, sites.')
output zoneIds object = {
  blob: resourceId('Microsoft.Network/privateDnsZones', zoneNames.blob)
  queue: resourceId('Microsoft.Network/privateDnsZones', zoneNames.queue)
  table: resourceId('Microsoft.Network/privateDnsZones', zoneNames.table)
  vault: resourceId('Microsoft.Network/privateDnsZones', zoneNames.vault)
  servicebus: resourceId('Microsoft.Network/privateDnsZones', zoneNames.servicebus)
  sites: resourceId('Microsoft.Network/privateDnsZones', zoneNames.sites)
}
