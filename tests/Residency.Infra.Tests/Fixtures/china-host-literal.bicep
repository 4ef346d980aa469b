// Fault: a China endpoint written as text instead of taken from the resource or environment().
@description('Storage account name.')
param accountName string

output blobEndpoint string = 'https://${accountName}.blob.core.chinacloudapi.cn/'
