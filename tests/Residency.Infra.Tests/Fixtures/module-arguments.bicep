// Faults: module arguments of the wrong type, too long, not declared, and a required one left out.
module sample 'fixture-module.bicep' = {
  name: 'sample'
  params: {
    count: 'three'
    label: 'far too long'
    colour: 'blue'
  }
}
