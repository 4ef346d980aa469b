// Faults: a parameter nobody uses, and a parameter named like a secret without @secure().
@description('Never used.')
param unusedSetting string = 'x'

@description('Looks like a secret.')
param adminPassword string

output adminLength int = length(adminPassword)
