// Production: chinanorth3 (availability zones), zone-redundant storage, Event Hubs and plan.
using './main.bicep'

param location = 'chinanorth3'
param environmentName = 'prod'
param zoneRedundant = true
param functionsPlanSku = 'EP1'
param maximumElasticWorkerCount = 20
param eventHubsCapacity = 2
param eventHubPartitionCount = 8
param eventHubRetentionDays = 7
param pseudonymKeyId = 'prod-2026-11'
param alertEmail = 'residency-oncall@example.cn'
param auditImmutabilityDays = 1095
param tags = {
  costCenter: 'vehicle-platform'
}
// The privacy operations API's Entra app registration (create it first; docs/privacy-api.md). The zero id deploys an
// API no token can reach, which fails closed.
param operationsApiClientId = '00000000-0000-0000-0000-000000000000'
