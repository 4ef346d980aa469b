// Fault: a public-cloud endpoint written as text.
@description('Storage account name.')
param accountName string

output blobEndpoint string = 'https://${accountName}.blob.core.windows.net/'
