// Fault: a storage account that accepts shared keys and public access.
@description('Region.')
@allowed([
  'chinanorth3'
  'chinanorth2'
])
param location string

resource account 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: 'stfixture'
  location: location
  kind: 'StorageV2'
  sku: {
    name: 'Standard_ZRS'
  }
  properties: {
    allowBlobPublicAccess: true
    allowSharedKeyAccess: true
    publicNetworkAccess: 'Disabled'
  }
}
