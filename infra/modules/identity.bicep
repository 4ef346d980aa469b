// The user-assigned identity the function app runs as: every data-plane grant targets this principal.

@description('Name of the user-assigned managed identity.')
param name string

@description('Azure region; China North only.')
@allowed([
  'chinanorth3'
  'chinanorth2'
])
param location string

@description('Tags applied to every resource.')
param tags object

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: name
  location: location
  tags: tags
}

@description('Name of the identity.')
output name string = identity.name

@description('Resource id of the identity.')
output resourceId string = identity.id

@description('Object (principal) id, the target of role assignments.')
output principalId string = identity.properties.principalId

@description('Client id, used by the app settings that select this identity.')
output clientId string = identity.properties.clientId
