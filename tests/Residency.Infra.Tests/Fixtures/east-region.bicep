// Fault: the location parameter allows a China East region.
@description('Region.')
@allowed([
  'chinanorth3'
  'chinaeast2'
])
param location string = 'chinanorth3'

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: 'id-fixture'
  location: location
}
