// Fault: an Event Hubs namespace that still accepts SAS keys (local auth).
@description('Region.')
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
    disableLocalAuth: false
    minimumTlsVersion: '1.2'
  }
}
