// Fault: an API version the compiler has no types for (and so, likely, Azure China does not have either).
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
