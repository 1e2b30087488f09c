#!/usr/bin/env bash
# Demo traffic for a running suite (./run.sh): realistic conversions, sales activity and deals posted
# to the intake. Options: --rate N (new leads/s, 2), --duration ISO (PT10M), --deadline ISO (PT2M, the
# monitor's first-contact deadline), --intake URL (http://localhost:8081), --seed N.
set -euo pipefail
cd "$(dirname "$0")"
[ -f deploy/target/leadpact-devstack-launcher.jar ] || ./mvnw -B -q -DskipTests package
exec java -cp deploy/target/leadpact-devstack-launcher.jar dev.leadpact.devstack.DemoTraffic "$@"
