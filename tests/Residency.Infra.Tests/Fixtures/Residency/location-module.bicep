// Fault: a module whose location parameter takes any region is given one outside China North; the finding is in
// the module, where the resource is.
module identity 'modules/any-location.bicep' = {
  name: 'identity'
  params: {
    location: 'chinaeast2'
  }
}
