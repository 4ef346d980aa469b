// Fault (used by location-module.bicep): the location parameter is not restricted to China North.
@description('Region.')
param location string

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: 'id-fixture'
  location: location // FAULT
}
