// Fault: a string outside a closed union of literals (an event hub's status has no 'Paused').
resource namespace 'Microsoft.EventHub/namespaces@2024-01-01' existing = {
  name: 'evhns-fixture'
}

resource hub 'Microsoft.EventHub/namespaces/eventhubs@2024-01-01' = {
  parent: namespace
  name: 'vehicle-uploads'
  properties: {
    status: 'Paused'
  }
}
