// Alerts on what the ingest handler emits (metric names: docs/operations.md, the one list in
// functions/Residency.Ingest/Telemetry/TelemetryNames.cs) and on Event Hubs' own metrics, with one action group.
// Log alerts read the Application Insights component (customMetrics) or the workspace (AzureMetrics), both in China North.

@description('Azure region of the alert rules; China North only.')
@allowed([
  'chinanorth3'
  'chinanorth2'
])
param location string

@description('Tags applied to every resource.')
param tags object

@description('Name prefix of the action group and the alert rules.')
param baseName string

@description('Resource id of the Application Insights component the handler exports to.')
param appInsightsResourceId string

@description('Resource id of the Log Analytics workspace that receives the Event Hubs namespace metrics.')
param workspaceResourceId string

@description('E-mail address of the on-call operators.')
param alertEmail string

@description('Webhook (an on-call or chat tool in China) the alerts are posted to; empty for none.')
param alertWebhookUri string = ''

@description('Quarantine share (percent of events) that alerts when held for 15 minutes.')
@minValue(1)
@maxValue(100)
param quarantineSharePercent int = 5

@description('Minutes without a committed event before the stall alert fires (a window size log alerts accept).')
@allowed([
  5
  10
  15
  30
  45
  60
  120
  180
  240
  300
  360
])
param noCommitMinutes int = 15

@description('p95 of the enqueued-to-commit lag, in seconds, that alerts.')
@minValue(1)
param lagP95Seconds int = 300

@description('Storage attempts answered 503 (server busy) or 500 (timeout) in 15 minutes that alert.')
@minValue(1)
param storageThrottledRequests int = 20

@description('Event Hubs messages received but not delivered to the consumer in 15 minutes that alert.')
@minValue(1)
param eventHubsBacklogMessages int = 10000

resource actionGroup 'Microsoft.Insights/actionGroups@2023-01-01' = {
  name: 'ag-${baseName}'
  location: 'global'
  tags: tags
  properties: {
    groupShortName: 'resid-oncall'
    enabled: true
    emailReceivers: [
      {
        name: 'operators'
        emailAddress: alertEmail
        useCommonAlertSchema: true
      }
    ]
    webhookReceivers: empty(alertWebhookUri) ? [] : [
      {
        name: 'webhook'
        serviceUri: alertWebhookUri
        useCommonAlertSchema: true
      }
    ]
  }
}

// Each rule: a KQL query whose measure column is compared with a threshold.
var rules = [
  {
    name: 'handler-500s'
    description: 'The handler answered 500: storage is unavailable or a bug of ours; the host retries and the partition waits.'
    severity: 1
    scope: appInsightsResourceId
    window: 'PT5M'
    query: 'customMetrics | where name == "residency.invocation.duration" | where tostring(customDimensions["http.response.status_code"]) == "500" | summarize failures = sum(valueCount)'
    measure: 'failures'
    operator: 'GreaterThan'
    threshold: 0
  }
  {
    name: 'quarantine-share'
    description: 'The share of events quarantined is over the threshold for 15 minutes (a firmware release with a new schema?).'
    severity: 2
    scope: appInsightsResourceId
    window: 'PT15M'
    query: 'customMetrics | where name == "residency.events" | extend outcome = tostring(customDimensions["residency.outcome"]) | summarize total = sum(valueSum), quarantined = sumif(valueSum, outcome == "quarantined") | where total > 0 | extend share = 100.0 * quarantined / total'
    measure: 'share'
    operator: 'GreaterThan'
    threshold: quarantineSharePercent
  }
  {
    name: 'no-events-committed'
    description: 'No event was committed (stored or quarantined) for ${noCommitMinutes} minutes.'
    severity: 1
    scope: appInsightsResourceId
    window: noCommitMinutes < 60 ? 'PT${noCommitMinutes}M' : 'PT${noCommitMinutes / 60}H'
    query: 'customMetrics | where name == "residency.events" | where tostring(customDimensions["residency.outcome"]) in ("stored", "quarantined") | summarize committed = sum(valueSum)'
    measure: 'committed'
    operator: 'LessThan'
    threshold: 1
  }
  {
    // Azure Monitor keeps count, sum, min and max of each export interval: the p95 of the per-partition maxima
    // bounds the events' p95 from above.
    name: 'commit-lag-p95'
    description: 'The p95 lag from enqueued to committed is over ${lagP95Seconds} s.'
    severity: 2
    scope: appInsightsResourceId
    window: 'PT15M'
    query: 'customMetrics | where name == "residency.commit.lag" | summarize p95 = percentile(valueMax, 95) / 1000.0'
    measure: 'p95'
    operator: 'GreaterThan'
    threshold: lagP95Seconds
  }
  {
    name: 'storage-throttling'
    description: 'Storage answered 503 (server busy) or 500 (operation timed out) to the handler.'
    severity: 2
    scope: appInsightsResourceId
    window: 'PT15M'
    query: 'customMetrics | where name == "residency.storage.requests" | where tostring(customDimensions["http.response.status_code"]) in ("503", "500") | summarize throttled = sum(valueSum)'
    measure: 'throttled'
    operator: 'GreaterThan'
    threshold: storageThrottledRequests
  }
  {
    name: 'event-hubs-backlog'
    description: 'Event Hubs received more messages than it delivered to the consumer: ingest is falling behind.'
    severity: 2
    scope: workspaceResourceId
    window: 'PT15M'
    query: 'AzureMetrics | where ResourceProvider == "MICROSOFT.EVENTHUB" | where MetricName in ("IncomingMessages", "OutgoingMessages") | summarize incoming = sumif(Total, MetricName == "IncomingMessages"), outgoing = sumif(Total, MetricName == "OutgoingMessages") | extend behind = incoming - outgoing'
    measure: 'behind'
    operator: 'GreaterThan'
    threshold: eventHubsBacklogMessages
  }
]

resource alerts 'Microsoft.Insights/scheduledQueryRules@2023-12-01' = [for rule in rules: {
  name: 'alert-${baseName}-${rule.name}'
  location: location
  tags: tags
  properties: {
    displayName: 'Residency ingest: ${rule.name}'
    description: rule.description
    severity: rule.severity
    enabled: true
    scopes: [
      rule.scope
    ]
    evaluationFrequency: 'PT5M'
    windowSize: rule.window
    criteria: {
      allOf: [
        {
          query: rule.query
          timeAggregation: 'Total'
          metricMeasureColumn: rule.measure
          operator: rule.operator
          threshold: rule.threshold
          failingPeriods: {
            numberOfEvaluationPeriods: 1
            minFailingPeriodsToAlert: 1
          }
        }
      ]
    }
    autoMitigate: true
    actions: {
      actionGroups: [
        actionGroup.id
      ]
    }
  }
}]

@description('Name of the action group.')
output name string = actionGroup.name

@description('Resource id of the action group.')
output resourceId string = actionGroup.id

@description('Names of the alert rules.')
output alertNames array = [for (rule, i) in rules: alerts[i].name]
