// Fault: a parameter file that deploys to a China East region.
using './east-region-target.bicep'

param location = 'chinaeast2'
