// The operators' workbook: events/s per partition, quarantine share and reasons, lag, storage latency and
// throttling, invocations and admission. The template is infra/workbooks/ingest.workbook.json.

@description('Azure region of the workbook; China North only.')
@allowed([
  'chinanorth3'
  'chinanorth2'
])
param location string

@description('Tags applied to every resource.')
param tags object

@description('Resource id of the Application Insights component the charts read.')
param appInsightsResourceId string

@description('Display name of the workbook.')
param displayName string = 'Residency ingest'

resource workbook 'Microsoft.Insights/workbooks@2023-06-01' = {
  name: guid(resourceGroup().id, appInsightsResourceId, 'residency-ingest-workbook')
  location: location
  tags: tags
  kind: 'shared'
  properties: {
    displayName: displayName
    category: 'workbook'
    sourceId: appInsightsResourceId
    serializedData: loadTextContent('../workbooks/ingest.workbook.json')
  }
}

@description('Name of the workbook.')
output name string = workbook.name

@description('Resource id of the workbook.')
output resourceId string = workbook.id
