// Fault: a custom role of the template grants a wildcard of data actions, and the app identity is given it.
@description('Principal id of the app identity.')
param principalId string

resource anyBlobAction 'Microsoft.Authorization/roleDefinitions@2022-04-01' = {
  name: guid(resourceGroup().id, 'any-blob-action')
  properties: {
    roleName: 'Any blob action (${resourceGroup().name})'
    type: 'CustomRole'
    assignableScopes: [
      resourceGroup().id
    ]
    permissions: [
      {
        actions: []
        notActions: []
        dataActions: [
          'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/*'
        ]
        notDataActions: []
      }
    ]
  }
}

resource assignment 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(resourceGroup().id, principalId, anyBlobAction.id)
  properties: {
    roleDefinitionId: anyBlobAction.id // FAULT
    principalId: principalId
    principalType: 'ServicePrincipal'
  }
}
