// The classified-data storage account: one container per data level plus quarantine and audit, kept in the
// one region (ZRS or LRS only: geo-redundant SKUs copy data to the paired China East region), reachable only
// through its private endpoint, Entra ID only (shared key off), versioned and soft-deleted, with per-level
// retention driven by the blob index tag `level` and an immutable audit ledger. A delete lock guards it.

@description('Name of the storage account (3-24 lowercase letters and digits).')
@minLength(3)
@maxLength(24)
param name string

@description('Azure region; China North only.')
@allowed([
  'chinanorth3'
  'chinanorth2'
])
param location string

@description('Tags applied to every resource.')
param tags object

@description('Replication: ZRS where the region has zones (chinanorth3), otherwise LRS. Never geo-redundant.')
@allowed([
  'Standard_ZRS'
  'Standard_LRS'
])
param skuName string

@description('Days a deleted blob or container stays recoverable.')
@minValue(1)
@maxValue(365)
param softDeleteDays int = 30

@description('Days after creation after which blobs of each level are deleted (lifecycle rules keyed on the `level` blob index tag). Creation, not last write: a deletion request rewrites a batch blob, which must not extend the other lines\' retention. Keys: general, personal, sensitive, important, quarantine.')
param retentionDays object = {
  general: 730
  personal: 365
  sensitive: 90
  important: 1095
  quarantine: 90
}

@description('Days each audit ledger blob is immutable (write once, read many). Records of processing are kept at least 3 years.')
@minValue(1)
param auditImmutabilityDays int = 1095

@description('Add a CanNotDelete lock to the account.')
param lockAccount bool = true

// Container names are a contract with the application (docs/storage.md).
var levelContainers = {
  general: 'vehicle-general'
  personal: 'vehicle-personal'
  sensitive: 'vehicle-sensitive'
  important: 'vehicle-important'
}
var quarantineContainer = 'vehicle-quarantine'
var auditContainer = 'vehicle-audit'
var indexContainer = 'vehicle-index'
// Access exports of the operations app ({request id}/{level}.ndjson, manifest.json): a copy handed to the data subject,
// kept only long enough to be downloaded through the app (docs/privacy-api.md): the rule 'expire-exports' deletes them,
// and their versions, 7 days after creation (written as literals so the compiled rule states the figure).
var exportsContainer = 'vehicle-exports'
// A marker points at a day of data: it expires with the longest-kept level it can point at.
var markerRetentionDays = max(retentionDays.general, retentionDays.personal, retentionDays.sensitive, retentionDays.important)
var levels = objectKeys(levelContainers)

resource account 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: name
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: skuName
  }
  properties: {
    accessTier: 'Hot'
    allowBlobPublicAccess: false
    allowSharedKeyAccess: false
    allowCrossTenantReplication: false
    allowedCopyScope: 'PrivateLink'
    defaultToOAuthAuthentication: true
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    publicNetworkAccess: 'Disabled'
    isHnsEnabled: false
    networkAcls: {
      defaultAction: 'Deny'
      bypass: 'None'
    }
    encryption: {
      keySource: 'Microsoft.Storage'
      requireInfrastructureEncryption: true
      services: {
        blob: {
          enabled: true
          keyType: 'Account'
        }
      }
    }
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' = {
  parent: account
  name: 'default'
  properties: {
    isVersioningEnabled: true
    changeFeed: {
      enabled: true
      retentionInDays: softDeleteDays
    }
    deleteRetentionPolicy: {
      enabled: true
      days: softDeleteDays
    }
    containerDeleteRetentionPolicy: {
      enabled: true
      days: softDeleteDays
    }
  }
}

resource levelContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = [
  for level in levels: {
    parent: blobService
    name: levelContainers[level]
    properties: {
      publicAccess: 'None'
      metadata: {
        level: level
      }
    }
  }
]

resource quarantine 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: blobService
  name: quarantineContainer
  properties: {
    publicAccess: 'None'
    metadata: {
      level: 'important'
    }
  }
}

// Vehicle index markers ({vehicleKey}/{day}/{partition}, tag category=marker) and the partition heads (heads/*) of the
// exactly-once commit protocol. Heads carry no tag, so no lifecycle rule ever removes them.
resource index 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: blobService
  name: indexContainer
  properties: {
    publicAccess: 'None'
    metadata: {
      level: 'personal'
    }
  }
}

resource exports 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: blobService
  name: exportsContainer
  properties: {
    publicAccess: 'None'
    metadata: {
      level: 'important'
    }
  }
}

resource audit 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: blobService
  name: auditContainer
  properties: {
    publicAccess: 'None'
    // Version-level WORM can only be switched on when the container is created.
    immutableStorageWithVersioning: {
      enabled: true
    }
  }

  resource auditImmutability 'immutabilityPolicies' = {
    name: 'default'
    properties: {
      immutabilityPeriodSinceCreationInDays: auditImmutabilityDays
      allowProtectedAppendWrites: false
    }
  }
}

var levelRules = [
  for level in levels: {
    name: 'retain-${level}'
    enabled: true
    type: 'Lifecycle'
    definition: {
      actions: {
        baseBlob: {
          delete: {
            daysAfterCreationGreaterThan: retentionDays[level]
          }
        }
        version: {
          delete: {
            daysAfterCreationGreaterThan: softDeleteDays
          }
        }
      }
      filters: {
        blobTypes: [
          'blockBlob'
        ]
        prefixMatch: [
          '${levelContainers[level]}/'
        ]
        blobIndexMatch: [
          {
            name: 'level'
            op: '=='
            value: level
          }
        ]
      }
    }
  }
]

// Quarantine by age alone; index markers by their tag (the untagged partition heads beside them never expire).
var otherRules = [
  {
    name: 'retain-quarantine'
    enabled: true
    type: 'Lifecycle'
    definition: {
      actions: {
        baseBlob: {
          delete: {
            daysAfterCreationGreaterThan: retentionDays.quarantine
          }
        }
      }
      filters: {
        blobTypes: [
          'blockBlob'
        ]
        prefixMatch: [
          '${quarantineContainer}/'
        ]
      }
    }
  }
  {
    name: 'expire-exports'
    enabled: true
    type: 'Lifecycle'
    definition: {
      actions: {
        baseBlob: {
          delete: {
            daysAfterCreationGreaterThan: 7
          }
        }
        version: {
          delete: {
            daysAfterCreationGreaterThan: 7
          }
        }
      }
      filters: {
        blobTypes: [
          'blockBlob'
        ]
        prefixMatch: [
          'vehicle-exports/'
        ]
      }
    }
  }
  {
    name: 'expire-index-markers'
    enabled: true
    type: 'Lifecycle'
    definition: {
      actions: {
        baseBlob: {
          delete: {
            daysAfterCreationGreaterThan: markerRetentionDays
          }
        }
      }
      filters: {
        blobTypes: [
          'blockBlob'
        ]
        prefixMatch: [
          '${indexContainer}/'
        ]
        blobIndexMatch: [
          {
            name: 'category'
            op: '=='
            value: 'marker'
          }
        ]
      }
    }
  }
]

resource lifecycle 'Microsoft.Storage/storageAccounts/managementPolicies@2023-05-01' = {
  parent: account
  name: 'default'
  properties: {
    policy: {
      rules: concat(levelRules, otherRules)
    }
  }
  dependsOn: [
    levelContainer
    quarantine
    index
    exports
  ]
}

resource deleteLock 'Microsoft.Authorization/locks@2020-05-01' = if (lockAccount) {
  scope: account
  name: '${account.name}-cannot-delete'
  properties: {
    level: 'CanNotDelete'
    notes: 'Holds the China-resident classified vehicle data; remove only by a reviewed change.'
  }
}

@description('Name of the storage account.')
output name string = account.name

@description('Resource id of the storage account.')
output resourceId string = account.id

@description('Blob endpoint of the account, from the resource (never written as text).')
output blobEndpoint string = account.properties.primaryEndpoints.blob

@description('Container names keyed by level, plus quarantine, audit, index and exports.')
output containers object = union(levelContainers, {
  quarantine: quarantineContainer
  audit: auditContainer
  index: indexContainer
  exports: exportsContainer
})
