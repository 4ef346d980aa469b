// Fault: a parameter file that deploys to a China East region (deploy.sh must refuse it before any az call).
using '../../../../infra/main.bicep'

param location = 'chinaeast2'
param environmentName = 'dev'
param pseudonymKeyId = 'fixture'
