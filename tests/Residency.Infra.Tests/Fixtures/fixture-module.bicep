// A clean module that module-arguments.bicep calls with faulty arguments.
@description('How many.')
@minValue(1)
param count int

@description('A short label.')
@maxLength(5)
param label string

@description('Switch.')
param enabled bool

@description('Optional note.')
param note string = ''

output summary string = '${label}-${count}-${enabled}-${note}'
