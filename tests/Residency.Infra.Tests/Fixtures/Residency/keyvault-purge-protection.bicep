// Fault: a key vault without purge protection (a deleted key could be purged before its retention ends).
@description('Region: China North only.')
@allowed([
  'chinanorth3'
  'chinanorth2'
])
param location string

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = { // FAULT
  name: 'kv-fixture'
  location: location
  properties: {
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    publicNetworkAccess: 'Disabled'
  }
}
