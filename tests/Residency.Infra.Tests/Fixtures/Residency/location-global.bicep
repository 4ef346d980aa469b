// Fault: 'global' for a regional resource (only private DNS zones and their links may be global).
resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: 'id-fixture'
  location: 'global' // FAULT
}
