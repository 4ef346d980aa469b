#!/usr/bin/env bash
# Builds an Azurite image where no container registry can be reached: FROM scratch, with this machine's node and its
# shared libraries, and the npm packages pinned in tests/package-lock.json (azurite) installed with npm ci, production
# dependencies only (not the optional Chromium of the page tests), without source maps, type declarations and docs, which nothing loads at run time.
# Like the official image it has azurite-blob on PATH, so the tests run either the same way (AZURITE_IMAGE=<tag>).
#
#   build/azurite-image.sh [TAG]     default tag residency/azurite:<pinned version>; prints the tag on stdout
#   REBUILD=1 build/azurite-image.sh  builds again even when the tag exists
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
version=$(node -p 'require(process.argv[1]).packages["node_modules/azurite"].version' "$root/tests/package-lock.json")
tag=${1:-residency/azurite:$version}
node_bin=$(readlink -f "$(command -v node)")
node_version=$(node --version)

existing=$(docker image inspect --format '{{index .Config.Labels "residency.azurite.node"}}' "$tag" 2>/dev/null || true)
if [[ "${REBUILD:-0}" != 1 && "$existing" == "$node_version" ]]; then
  echo "azurite-image: $tag already built (azurite $version, node $node_version)" >&2
  echo "$tag"
  exit 0
fi

previous=$(docker image inspect --format '{{.Id}}' "$tag" 2>/dev/null || true)
context=$(mktemp -d)
trap 'rm -rf "$context"' EXIT
echo "azurite-image: azurite $version (npm, production dependencies only) + node $node_version from $node_bin" >&2

# node, /usr/bin/env (the npm bin scripts start with #!/usr/bin/env node) and every shared library they load.
for binary in "$node_bin" /usr/bin/env; do
  cp --parents -L "$binary" "$context"
  ldd "$binary" | grep -o '/[^ ]*' | while read -r library; do cp --parents -L "$library" "$context"; done
done
[[ "$node_bin" == /usr/bin/node ]] || ln -s "$node_bin" "$context/usr/bin/node"

mkdir -p "$context/opt/azurite" "$context/data" "$context/tmp"
chmod 1777 "$context/tmp"
cp "$root/tests/package.json" "$root/tests/package-lock.json" "$context/opt/azurite/"
(cd "$context/opt/azurite" && npm ci --omit=dev --omit=optional --ignore-scripts --no-audit --no-fund --prefer-offline --loglevel=error >&2)
find "$context/opt/azurite/node_modules" -type f \( -name '*.map' -o -name '*.d.ts' -o -name '*.d.[cm]ts' -o -iname '*.md' \) -delete

tar -C "$context" --owner=0 --group=0 --numeric-owner -c . | docker import \
  --change 'ENV PATH=/opt/azurite/node_modules/.bin:/usr/local/bin:/usr/bin:/bin' \
  --change 'ENV NODE_ENV=production' \
  --change 'WORKDIR /opt/azurite' \
  --change "LABEL residency.azurite.version=$version residency.azurite.node=$node_version" \
  --change 'EXPOSE 10000' \
  --change 'CMD ["azurite-blob", "--blobHost", "0.0.0.0", "--location", "/data"]' \
  --message "azurite $version on node $node_version" - "$tag" >/dev/null
if [[ -n "$previous" && "$previous" != "$(docker image inspect --format '{{.Id}}' "$tag")" ]]; then
  docker image rm "$previous" >/dev/null 2>&1 || true # the build it replaces, unless a container still uses it
fi
echo "azurite-image: built $tag ($(docker image inspect --format '{{.Size}}' "$tag" | awk '{printf "%.0f MB", $1/1e6}'))" >&2
echo "$tag"
