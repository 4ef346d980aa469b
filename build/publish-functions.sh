#!/usr/bin/env bash
# Publishes the deployable Functions app: a self-contained linux-x64 custom handler, compiled ahead of time as one
# composite ReadyToRun image of the framework and the app (a new instance then JIT-compiles about 800 methods at start
# instead of 3,400: docs/performance.md, "Fourth round"), laid out with host.json and VehicleIngest/function.json,
# zipped for run-from-package.
#   build/publish-functions.sh [output-dir]     (default artifacts/functions)
# Produces <output-dir>/app/ (the app folder) and <output-dir>/residency-functions.zip.
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-artifacts/functions}"
mkdir -p "$out"
out="$(cd "$out" && pwd)"
rm -rf "$out/app" "$out/residency-functions.zip"

dotnet publish functions/Residency.Functions/Residency.Functions.csproj -c Release \
  -r linux-x64 --self-contained true -p:PublishReadyToRun=true -p:PublishReadyToRunComposite=true \
  -p:PublishDir="$out/app/handler/" -p:FunctionsAppDir="$out/app/" -p:FunctionsAppZip="$out/residency-functions.zip"

# The executable host.json names must exist and be executable, or the host cannot start the handler.
exe="$(node -e 'process.stdout.write(require(process.argv[1]).customHandler.description.defaultExecutablePath)' "$out/app/host.json")"
test -x "$out/app/$exe" || { echo "publish-functions: $out/app/$exe is missing or not executable" >&2; exit 1; }
echo "publish-functions: app in $out/app, package $out/residency-functions.zip"
