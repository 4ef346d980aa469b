// Fault: a resource-group resource declared in a subscription-scope file without a scope.
targetScope = 'subscription'

@description('Region.')
@allowed([
  'chinanorth3'
  'chinanorth2'
])
param location string = 'chinanorth3'

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: 'id-fixture'
  location: location
}
