// Fault: a subscription deployment without the "Allowed locations" policy assignment.
targetScope = 'subscription'

@description('Region.')
@allowed([
  'chinanorth3'
  'chinanorth2'
])
param location string = 'chinanorth3'

resource rg 'Microsoft.Resources/resourceGroups@2024-03-01' = {
  name: 'rg-fixture'
  location: location
}
