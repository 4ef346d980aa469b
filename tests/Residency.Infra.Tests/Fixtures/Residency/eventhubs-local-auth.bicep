// Fault: Event Hubs accepts SAS keys (local auth on).
@description('Region: China North only.')
@allowed([
  'chinanorth3'
  'chinanorth2'
])
param location string

resource namespace 'Microsoft.EventHub/namespaces@2024-01-01' = {
  name: 'evhns-fixture'
  location: location
  sku: {
    name: 'Standard'
  }
  properties: {
    disableLocalAuth: false // FAULT
    minimumTlsVersion: '1.2'
  }
}
