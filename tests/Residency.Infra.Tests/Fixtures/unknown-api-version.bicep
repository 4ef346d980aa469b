// Fault: an API version the type index (and so, likely, Azure China) does not have.
@description('Region.')
@allowed([
  'chinanorth3'
  'chinanorth2'
])
param location string

resource vault 'Microsoft.KeyVault/vaults@2099-01-01' = {
  name: 'kv-fixture'
  location: location
  properties: {
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
  }
}
