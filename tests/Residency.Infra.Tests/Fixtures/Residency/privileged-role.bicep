// Fault: the app identity is made Owner of its resource group.
@description('Principal id of the app identity.')
param principalId string

var ownerRoleId = '8e3af657-a8ff-4c10-bc80-1b8e9a2b02a2'

resource owner 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(resourceGroup().id, principalId, ownerRoleId)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', ownerRoleId) // FAULT
    principalId: principalId
    principalType: 'ServicePrincipal'
  }
}
