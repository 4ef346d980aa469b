// Fault: an endpoint of the global Azure cloud, written into an output.
@description('Storage account name.')
param accountName string

@description('Blob endpoint.')
output blobEndpoint string = 'https://${accountName}.blob.core.windows.net/' // FAULT
