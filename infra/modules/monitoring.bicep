// Log Analytics workspace and the workspace-based Application Insights component (the only kind Azure China
// supports for new components). Local (instrumentation-key) auth is off: the app authenticates with Entra ID.

@description('Name of the Log Analytics workspace.')
param workspaceName string

@description('Name of the Application Insights component.')
param appInsightsName string

@description('Azure region; China North only.')
@allowed([
  'chinanorth3'
  'chinanorth2'
])
param location string

@description('Tags applied to every resource.')
param tags object

@description('Days the workspace keeps logs.')
@minValue(30)
@maxValue(730)
param retentionInDays int = 90

resource workspace 'Microsoft.OperationalInsights/workspaces@2022-10-01' = {
  name: workspaceName
  location: location
  tags: tags
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: retentionInDays
    features: {
      disableLocalAuth: true
    }
  }
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' = {
  name: appInsightsName
  location: location
  tags: tags
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: workspace.id
    IngestionMode: 'LogAnalytics'
    DisableLocalAuth: true
    DisableIpMasking: false
  }
}

@description('Name of the Application Insights component.')
output name string = appInsights.name

@description('Resource id of the Application Insights component.')
output resourceId string = appInsights.id

@description('Resource id of the Log Analytics workspace.')
output workspaceResourceId string = workspace.id

@description('Connection string of the component (carries the China ingestion endpoint; not a secret with local auth off).')
output connectionString string = appInsights.properties.ConnectionString
