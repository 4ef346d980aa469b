// Fault: the account accepts traffic from public networks.
@description('Region: China North only.')
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
    allowSharedKeyAccess: false
    allowBlobPublicAccess: false
    publicNetworkAccess: 'Enabled' // FAULT
    minimumTlsVersion: 'TLS1_2'
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' = {
  parent: account
  name: 'default'
  properties: {
    deleteRetentionPolicy: {
      enabled: true
      days: 7
    }
    containerDeleteRetentionPolicy: {
      enabled: true
      days: 7
    }
  }
}
