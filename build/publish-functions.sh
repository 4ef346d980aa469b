#!/usr/bin/env bash
# Publishes the deployable Functions app: the linux-x64 custom handler laid out with host.json and
# VehicleIngest/function.json, zipped for run-from-package.
#   build/publish-functions.sh [--native] [output-dir]     (default artifacts/functions)
# Produces <output-dir>/app/ (the app folder) and <output-dir>/residency-functions.zip.
#
# The handler is compiled ahead of time in one of two ways (docs/performance.md, "Fourth round"):
#   default   self-contained, one composite ReadyToRun image of the framework and the app: needs only the .NET SDK;
#             a new instance answers its first batch in about 0.8 s.
#   --native  Native AOT: one executable without a JIT, about 0.3 s to the first batch, a third less CPU over a new
#             instance's first 200,000 events and 70 MB less memory. Needs clang and zlib (Debian: apt-get install clang
#             zlib1g-dev); any trim or AOT warning fails the publish (warnings are errors).
set -euo pipefail
cd "$(dirname "$0")/.."

compile=(--self-contained true -p:PublishReadyToRun=true -p:PublishReadyToRunComposite=true)
if [[ "${1:-}" == "--native" ]]; then
  shift
  command -v clang >/dev/null || { echo "publish-functions: --native needs clang and zlib to link (Debian: apt-get install clang zlib1g-dev)" >&2; exit 1; }
  compile=(-p:PublishAot=true)
fi
if [[ "${1:-}" == -* || $# -gt 1 ]]; then
  echo "publish-functions: usage: build/publish-functions.sh [--native] [output-dir]" >&2
  exit 2
fi

out="${1:-artifacts/functions}"
mkdir -p "$out"
out="$(cd "$out" && pwd)"
rm -rf "$out/app" "$out/residency-functions.zip"

dotnet publish functions/Residency.Functions/Residency.Functions.csproj -c Release -r linux-x64 "${compile[@]}" \
  -p:PublishDir="$out/app/handler/" -p:FunctionsAppDir="$out/app/" -p:FunctionsAppZip="$out/residency-functions.zip"

# The executable host.json names must exist and be executable, or the host cannot start the handler.
exe="$(node -e 'process.stdout.write(require(process.argv[1]).customHandler.description.defaultExecutablePath)' "$out/app/host.json")"
test -x "$out/app/$exe" || { echo "publish-functions: $out/app/$exe is missing or not executable" >&2; exit 1; }
echo "publish-functions: app in $out/app, package $out/residency-functions.zip"
