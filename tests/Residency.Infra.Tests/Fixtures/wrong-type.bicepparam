// Fault: a parameter file giving a number where the template declares a string.
using './east-region-target.bicep'

param location = 3
