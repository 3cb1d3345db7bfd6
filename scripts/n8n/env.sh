# Source this file (bash): installs n8n if needed (scripts/n8n/install.sh; about a second once cached)
# and exports N8N_NODE (Node 24 binary), N8N_BIN (n8n entry), N8N_DIR and N8N_VERSION, plus a shell
# function `n8n` that runs "$N8N_NODE" "$N8N_BIN" "$@".
#   source scripts/n8n/env.sh && n8n --version
# Honours N8N_VERSION, N8N_NODE_VERSION and N8N_CACHE_DIR like install.sh.

_n8n_env_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
if _n8n_env_out="$(bash "$_n8n_env_dir/install.sh")"; then
	while IFS='=' read -r _n8n_key _n8n_value; do
		case "$_n8n_key" in
		N8N_NODE | N8N_BIN | N8N_DIR | N8N_VERSION) export "$_n8n_key=$_n8n_value" ;;
		esac
	done <<<"$_n8n_env_out"
	n8n() { "$N8N_NODE" "$N8N_BIN" "$@"; }
	unset _n8n_env_dir _n8n_env_out _n8n_key _n8n_value
else
	unset _n8n_env_dir _n8n_env_out
	echo "scripts/n8n/env.sh: scripts/n8n/install.sh failed" >&2
	# shellcheck disable=SC2317 # return when sourced, exit when run
	return 1 2>/dev/null || exit 1
fi
