// Fault: writes a read-only property (the identity's principalId is assigned by Azure).
@description('Region.')
@allowed([
  'chinanorth3'
  'chinanorth2'
])
param location string

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: 'id-fixture'
  location: location
  properties: {
    principalId: '00000000-0000-0000-0000-000000000000'
  }
}
