#!/usr/bin/env bash
# Builds LeadPact (tests skipped) and starts the whole suite on this machine: a real PostgreSQL, a
# real Kafka broker (KRaft) and the three services on fixed ports. Needs only a JDK 17+.
# Ctrl-C stops everything. Options: --kafka-port N (9092), --postgres-port N (15432).
set -euo pipefail
cd "$(dirname "$0")"
echo "[leadpact] building (tests skipped; the first build downloads dependencies, a few minutes)"
./mvnw -B -q -DskipTests package
exec java -jar deploy/target/leadpact-devstack-launcher.jar --root . "$@"
