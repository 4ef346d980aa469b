// The (clean) template east-region.bicepparam points at.
@description('Region.')
@allowed([
  'chinanorth3'
  'chinanorth2'
])
param location string

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: 'id-fixture'
  location: location
}
