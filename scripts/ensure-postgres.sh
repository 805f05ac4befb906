#!/usr/bin/env bash
# Brings up the PostgreSQL the tests use: nothing when it is running, start it
# when it is stopped, install it (Debian's postgresql) when it is missing.
# Then makes sure the database heed_test exists. Idempotent.
set -euo pipefail

say() { echo "ensure-postgres: $*"; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
ready() { pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; }

if ! command -v pg_ctlcluster >/dev/null 2>&1; then
	say "PostgreSQL is not installed: installing Debian's postgresql"
	as_root apt-get update -qq
	DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq postgresql >/dev/null
fi

version=$(ls /etc/postgresql | sort -n | tail -n 1)
if [ -z "$version" ]; then
	say "no PostgreSQL cluster found under /etc/postgresql"; exit 1
fi
conf=/etc/postgresql/$version/main

# Tests connect over TCP as postgres without a password.
if ! grep -Eq '^host\s+all\s+all\s+127\.0\.0\.1/32\s+trust' "$conf/pg_hba.conf"; then
	say "allowing trust authentication on 127.0.0.1 and ::1"
	as_root sed -i '1i host all all 127.0.0.1/32 trust\nhost all all ::1/128 trust\nlocal all postgres trust' "$conf/pg_hba.conf"
	if ready; then as_root pg_ctlcluster --skip-systemctl-redirect "$version" main reload; fi
fi

if ! ready; then
	say "starting PostgreSQL $version"
	as_root pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
	for _ in $(seq 1 60); do ready && break; sleep 1; done
	if ! ready; then
		say "PostgreSQL did not come up on 127.0.0.1:5432 within 60 s"; exit 1
	fi
fi

psql="psql -h 127.0.0.1 -p 5432 -U postgres -X -q -t"
if [ "$($psql -d postgres -c "SELECT 1 FROM pg_database WHERE datname = 'heed_test'" | tr -d ' ')" != 1 ]; then
	say "creating database heed_test"
	$psql -d postgres -c "CREATE DATABASE heed_test"
fi
say "PostgreSQL $version is ready on 127.0.0.1:5432"
