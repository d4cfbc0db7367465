#!/usr/bin/env bash
# Starts the whole Quota suite on this machine: a real PostgreSQL and Kafka, then the four services.
# Usage: ./run-local.sh [--demo] [--data DIR]      (Ctrl-C stops everything; data stays in .quota-data/)
set -euo pipefail
cd "$(dirname "$0")"
if [ "${QUOTA_SKIP_BUILD:-0}" != "1" ]; then
  echo "Building Quota (the first build downloads dependencies and takes a few minutes) ..."
  ./mvnw -q -DskipTests install
fi
exec java -cp "deploy/local/target/quota-local.jar:deploy/local/target/lib/*" io.quota.local.QuotaLocal "$@"
