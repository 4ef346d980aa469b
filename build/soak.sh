#!/usr/bin/env bash
# Soak (not a timed test): replays a mixed hostile corpus through the real handler on an embedded Azurite for N
# minutes (default 10) and prints events/s, 500s, the handler's peak memory, sequence numbers without an outcome and
# audit verify. Exit 0 only when all of that is clean. Usage: build/soak.sh [minutes]
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build functions/Residency.Cli -c Release -v quiet -nologo >/dev/null
exec dotnet run --project functions/Residency.Cli -c Release --no-build -- soak --minutes "${1:-10}"
