// Fault: a resource name that is only known at deploy time (an identity's client id).
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

resource lock 'Microsoft.Authorization/locks@2020-05-01' = {
  scope: identity
  name: identity.properties.clientId
  properties: {
    level: 'CanNotDelete'
  }
}
