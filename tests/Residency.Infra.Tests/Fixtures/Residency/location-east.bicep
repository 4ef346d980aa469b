// Fault: the location parameter also allows a China East region.
@description('Region.')
@allowed([
  'chinanorth3'
  'chinaeast2'
])
param location string

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: 'id-fixture'
  location: location // FAULT
}
