// Fault: a resource body that is never closed and a property without a value.
@description('Region.')
@allowed([
  'chinanorth3'
  'chinanorth2'
])
param location string

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: 'id-fixture'
  location:
