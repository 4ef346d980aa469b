// Fault: geo-redundant storage (replicates to the paired China East region).
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
    name: 'Standard_RAGRS'
  }
  properties: {
    allowBlobPublicAccess: false
    allowSharedKeyAccess: false
    publicNetworkAccess: 'Disabled'
  }
}
