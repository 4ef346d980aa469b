// Fault: a resource location written as a literal instead of the location parameter.
resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: 'id-fixture'
  location: 'chinanorth3' // FAULT
}
