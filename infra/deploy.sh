#!/usr/bin/env bash
# Deploys infra/main.bicep to Azure China at subscription scope: what-if first, then create.
#
#   infra/deploy.sh dev|prod|<file.bicepparam> [--yes]
#
# Refuses to run unless the active az cloud is AzureChinaCloud and the parameter file's location is a China
# North region, and unless az uses the Bicep version the templates are tested with (the one pinned in
# ../Directory.Packages.props: az bicep install --version v<that version>). Without --yes it asks before creating.
set -euo pipefail

allowed_locations=(chinanorth3 chinanorth2)
here="$(cd "$(dirname "$0")" && pwd)"

usage() { echo "usage: $0 dev|prod|<file.bicepparam> [--yes]" >&2; exit 2; }
fail() { echo "deploy: $*" >&2; exit 1; }

target="${1:-}"
[ -n "$target" ] || usage
shift
assume_yes=false
for arg in "$@"; do
  case "$arg" in
    --yes) assume_yes=true ;;
    *) usage ;;
  esac
done

case "$target" in
  dev|prod) params="$here/main.$target.bicepparam" ;;
  *.bicepparam) params="$target" ;;
  *) usage ;;
esac
[ -f "$params" ] || fail "parameter file $params not found"

command -v az >/dev/null || fail "the az CLI is required (https://docs.azure.cn/cli/install-azure-cli)"

cloud="$(az cloud show --query name --output tsv)"
[ "$cloud" = "AzureChinaCloud" ] ||
  fail "the active az cloud is '$cloud', not AzureChinaCloud. Run: az cloud set --name AzureChinaCloud && az login"

location="$(sed -n "s/^[[:space:]]*param[[:space:]]\{1,\}location[[:space:]]*=[[:space:]]*'\([^']*\)'.*/\1/p" "$params" | head -n 1)"
[ -n "$location" ] || fail "$params does not set 'param location = ...'"
allowed=false
for candidate in "${allowed_locations[@]}"; do
  [ "$location" = "$candidate" ] && allowed=true
done
$allowed || fail "location '$location' in $params is not allowed; use one of: ${allowed_locations[*]}"

# The templates are built and checked with one Bicep version (Directory.Packages.props); deploy with the same.
pinned_bicep="$(sed -n 's/.*Include="Azure.Bicep.CommandLine.linux-x64" Version="\([^"]*\)".*/\1/p' "$here/../Directory.Packages.props")"
[ -n "$pinned_bicep" ] || fail "no pinned Bicep version found in $here/../Directory.Packages.props"
az_bicep="$( (az bicep version 2>/dev/null || true) | sed -n 's/.*version \([0-9][0-9.]*\).*/\1/p' | head -n 1)"
[ "$az_bicep" = "$pinned_bicep" ] ||
  fail "az uses Bicep '${az_bicep:-none}', not the pinned $pinned_bicep. Run: az bicep install --version v$pinned_bicep"

subscription="$(az account show --query "[name, id]" --output tsv | paste -sd ' ' -)"
name="residency-$(basename "$params" .bicepparam | tr '.' '-')-$(date -u +%Y%m%d%H%M%S)"
echo "deploy: subscription $subscription, location $location, parameters $params, deployment $name"

az deployment sub what-if --name "$name" --location "$location" \
  --template-file "$here/main.bicep" --parameters "$params"

if ! $assume_yes; then
  read -r -p "Create this deployment? [y/N] " answer
  case "$answer" in
    y|Y|yes|YES) ;;
    *) echo "deploy: cancelled"; exit 1 ;;
  esac
fi

az deployment sub create --name "$name" --location "$location" \
  --template-file "$here/main.bicep" --parameters "$params"
