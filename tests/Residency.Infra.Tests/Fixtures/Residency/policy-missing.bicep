// FAULT: a subscription deployment that assigns no "Allowed locations" policy.
targetScope = 'subscription'

@description('Region: China North only.')
@allowed([
  'chinanorth3'
  'chinanorth2'
])
param location string

resource rg 'Microsoft.Resources/resourceGroups@2024-03-01' = {
  name: 'rg-fixture'
  location: location
}
