// Fault: the "Allowed locations" policy also permits a China East region.
targetScope = 'subscription'

resource allowedLocations 'Microsoft.Authorization/policyAssignments@2022-06-01' = {
  name: 'residency-allowed-locations'
  properties: {
    policyDefinitionId: tenantResourceId('Microsoft.Authorization/policyDefinitions', 'e56962a6-4747-49cd-b67b-bf8b01975c4c')
    parameters: {
      listOfAllowedLocations: { // FAULT
        value: [
          'chinanorth3'
          'chinaeast2'
        ]
      }
    }
  }
}
