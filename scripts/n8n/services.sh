#!/usr/bin/env bash
# PostgreSQL and Redis for n8n in queue mode, from Debian's packages, on loopback only, in a
# throw-away folder. Used by scripts/n8nQueue.ts (npm run test:queue); also usable by hand.
#
#   services.sh install            installs postgresql and redis-server with apt-get when missing
#                                  (as root; idempotent: nothing happens when both are there)
#   services.sh start DIR          installs if needed, then starts both with their data, sockets,
#                                  pid files and logs under DIR (created; must not hold a cluster)
#   services.sh stop DIR           stops what `start DIR` started (fast shutdown, no data kept)
#
# `start` takes the ports from PG_PORT and REDIS_PORT (default: free ports chosen here) and prints on
# stdout, one per line, and nothing else:
#   PG_HOST=127.0.0.1 PG_PORT=<n> PG_USER=n8n PG_PASSWORD=n8n PG_DATABASE=n8n REDIS_HOST=127.0.0.1 REDIS_PORT=<n>
# PostgreSQL refuses to run as root: as root the cluster is owned by and run as the `postgres`
# user that Debian's package creates.
set -euo pipefail

log() { echo "[services] $*" >&2; }
die() {
	echo "[services] ERROR: $*" >&2
	exit 1
}

pg_bin() { # newest /usr/lib/postgresql/<major>/bin that has initdb
	local dir
	dir="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)"
	[ -n "$dir" ] && [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ] && echo "$dir"
}
have_pg() { [ -n "$(pg_bin)" ]; }
have_redis() { command -v redis-server >/dev/null && command -v redis-cli >/dev/null; }

install() {
	have_pg && have_redis && return 0
	local packages=()
	have_pg || packages+=(postgresql)
	have_redis || packages+=(redis-server)
	[ "$(id -u)" = 0 ] || die "${packages[*]} missing and not root: apt-get install -y ${packages[*]}"
	command -v apt-get >/dev/null || die "${packages[*]} missing and no apt-get on this machine"
	log "installing ${packages[*]} with apt-get"
	export DEBIAN_FRONTEND=noninteractive
	# Debian's postinst scripts would start system-wide services: forbid that (policy-rc.d, 101).
	local policy=/usr/sbin/policy-rc.d created_policy=0
	if [ ! -e "$policy" ]; then
		printf '#!/bin/sh\nexit 101\n' >"$policy"
		chmod +x "$policy"
		created_policy=1
	fi
	apt-get update -qq >&2 || log "apt-get update failed; trying the install with the lists there are"
	apt-get install -y -qq --no-install-recommends "${packages[@]}" >&2 || {
		[ "$created_policy" = 1 ] && rm -f "$policy"
		die "apt-get install ${packages[*]} failed"
	}
	[ "$created_policy" = 1 ] && rm -f "$policy"
	have_pg || die "postgresql installed but no initdb under /usr/lib/postgresql/*/bin"
	have_redis || die "redis-server installed but not on PATH"
}

free_port() {
	node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'
}

as_pg() { # runs a command as the cluster's owner
	if [ "$(id -u)" = 0 ]; then
		runuser -u postgres -- "$@"
	else
		"$@"
	fi
}

start() {
	local dir="$1"
	install
	mkdir -p "$dir"
	dir="$(cd "$dir" && pwd)"
	[ -e "$dir/pg/PG_VERSION" ] && die "$dir/pg already holds a cluster: stop it and use a new folder"
	local bin pg_port redis_port
	bin="$(pg_bin)"
	pg_port="${PG_PORT:-$(free_port)}"
	redis_port="${REDIS_PORT:-$(free_port)}"
	mkdir -p "$dir/pg" "$dir/redis"
	if [ "$(id -u)" = 0 ]; then
		id postgres >/dev/null 2>&1 || die "no 'postgres' user (Debian's postgresql package makes it)"
		chmod 755 "$dir" # mkdtemp makes it 0700; postgres must reach its data folder
		chown postgres: "$dir/pg"
	fi
	chmod 700 "$dir/pg"

	log "PostgreSQL ($bin) on 127.0.0.1:$pg_port, data in $dir/pg"
	echo n8n >"$dir/pgpass"
	[ "$(id -u)" = 0 ] && chown postgres: "$dir/pgpass"
	as_pg "$bin/initdb" -D "$dir/pg" -U n8n --pwfile="$dir/pgpass" --auth=scram-sha-256 \
		-E UTF8 --locale=C.UTF-8 --no-sync >"$dir/initdb.log" 2>&1 || {
		cat "$dir/initdb.log" >&2
		die "initdb failed"
	}
	as_pg "$bin/pg_ctl" -D "$dir/pg" -l "$dir/pg/server.log" -w -t 60 start \
		-o "-c listen_addresses=127.0.0.1 -p $pg_port -k $dir/pg -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
		>&2 || {
		cat "$dir/pg/server.log" >&2
		die "PostgreSQL did not start"
	}
	PGPASSWORD=n8n "$bin/psql" -h 127.0.0.1 -p "$pg_port" -U n8n -d postgres -qtAc 'CREATE DATABASE n8n' >&2 ||
		die "could not create the n8n database"

	log "Redis on 127.0.0.1:$redis_port, files in $dir/redis"
	redis-server --port "$redis_port" --bind 127.0.0.1 --daemonize yes --dir "$dir/redis" \
		--pidfile "$dir/redis/redis.pid" --logfile "$dir/redis/redis.log" --save '' --appendonly no >&2 ||
		die "redis-server did not start"
	for _ in $(seq 1 100); do
		redis-cli -h 127.0.0.1 -p "$redis_port" ping 2>/dev/null | grep -q PONG && break
		sleep 0.1
	done
	redis-cli -h 127.0.0.1 -p "$redis_port" ping 2>/dev/null | grep -q PONG || {
		cat "$dir/redis/redis.log" >&2
		die "Redis does not answer"
	}
	printf '%s\n' "PG_PORT=$pg_port" "REDIS_PORT=$redis_port" >"$dir/ports"
	echo "PG_HOST=127.0.0.1"
	echo "PG_PORT=$pg_port"
	echo "PG_USER=n8n"
	echo "PG_PASSWORD=n8n"
	echo "PG_DATABASE=n8n"
	echo "REDIS_HOST=127.0.0.1"
	echo "REDIS_PORT=$redis_port"
}

stop() {
	local dir="$1" bin pid
	[ -d "$dir" ] || return 0
	bin="$(pg_bin || true)"
	if [ -n "$bin" ] && [ -f "$dir/pg/postmaster.pid" ]; then
		log "stopping PostgreSQL in $dir/pg"
		as_pg "$bin/pg_ctl" -D "$dir/pg" -m immediate -w -t 30 stop >&2 || log "pg_ctl stop failed"
	fi
	if [ -f "$dir/redis/redis.pid" ]; then
		pid="$(cat "$dir/redis/redis.pid")"
		log "stopping Redis (pid $pid)"
		kill "$pid" 2>/dev/null || true
		for _ in $(seq 1 100); do
			kill -0 "$pid" 2>/dev/null || break
			sleep 0.1
		done
		kill -9 "$pid" 2>/dev/null || true
		rm -f "$dir/redis/redis.pid"
	fi
}

case "${1:-}" in
install) install ;;
start)
	[ -n "${2:-}" ] || die "usage: $0 start DIR"
	start "$2"
	;;
stop)
	[ -n "${2:-}" ] || die "usage: $0 stop DIR"
	stop "$2"
	;;
*) die "usage: $0 install | start DIR | stop DIR" ;;
esac
