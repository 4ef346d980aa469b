// Development environment: chinanorth3, smallest sizes.
using './main.bicep'

param location = 'chinanorth3'
param environmentName = 'dev'
param zoneRedundant = true
param functionsPlanSku = 'EP1'
param maximumElasticWorkerCount = 5
param eventHubsCapacity = 1
param eventHubPartitionCount = 4
param eventHubRetentionDays = 1
param pseudonymKeyId = 'dev-2026-11'
param retentionDays = {
  general: 30
  personal: 30
  sensitive: 7
  important: 30
  quarantine: 30
}
param alertEmail = 'residency-dev-oncall@example.cn'
param auditImmutabilityDays = 7
param tags = {
  costCenter: 'vehicle-platform-dev'
}
// The privacy operations API's Entra app registration (create it first; docs/privacy-api.md). The zero id deploys an
// API no token can reach, which fails closed.
param operationsApiClientId = '00000000-0000-0000-0000-000000000000'
