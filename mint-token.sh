#!/usr/bin/env bash
# Mints a bearer token signed with the local run's key (.quota-data/keys), e.g. a rep scoped to EAST:
#   ./mint-token.sh rita rep EAST
# Usage: ./mint-token.sh SUBJECT ROLE[,ROLE...] [TERRITORY[,TERRITORY...]] [--hours N]
set -euo pipefail
cd "$(dirname "$0")"
[ -f deploy/local/target/quota-local.jar ] || ./mvnw -q -DskipTests install
exec java -cp "deploy/local/target/quota-local.jar:deploy/local/target/lib/*" io.quota.local.MintToken "$@"
