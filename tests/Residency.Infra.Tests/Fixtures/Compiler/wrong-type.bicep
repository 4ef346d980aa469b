// Fault: literals of the wrong type (a string for a boolean, and a string for an integer).
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
    kafkaEnabled: 'false'
  }

  resource hub 'eventhubs' = {
    name: 'vehicle-uploads'
    properties: {
      partitionCount: 'eight'
    }
  }
}
