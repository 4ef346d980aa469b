// Fault: a property the Event Hubs namespace type does not have (a typo of disableLocalAuth).
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
    disableLocalAuth: true
    minimumTlsVersion: '1.2'
    disableLocalAuthentication: true
  }
}
