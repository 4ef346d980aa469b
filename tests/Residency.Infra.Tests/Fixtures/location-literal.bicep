// Fault: a resource placed by a literal region instead of the location parameter.
resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: 'id-fixture'
  location: 'chinanorth3'
}
