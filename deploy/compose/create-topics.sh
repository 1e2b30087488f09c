#!/bin/bash
# Creates LeadPact's topics and their dead-letter topics (event-contracts, Topics.ALL and
# Topics.settingsOf), with the same partition count for every lead-keyed topic (see deploy/README.md).
# Idempotent: an existing topic is left as it is.
set -euo pipefail
BOOTSTRAP="${KAFKA_BOOTSTRAP_SERVERS:-kafka:9092}"
PARTITIONS="${LEADPACT_PARTITIONS:-6}"
REPLICATION="${LEADPACT_REPLICATION:-1}"
PERSONAL="--config retention.ms=2419200000 --config segment.ms=86400000"

create() {
  local topic="$1"; shift
  /opt/kafka/bin/kafka-topics.sh --bootstrap-server "$BOOTSTRAP" --create --if-not-exists \
    --topic "$topic" --partitions "$PARTITIONS" --replication-factor "$REPLICATION" "$@"
}

create leads.conversions.v1 $PERSONAL
create leads.conversions.v1.dlq $PERSONAL
create sales.activities.v1 $PERSONAL
create sales.activities.v1.dlq $PERSONAL
create deals.closed.v1
create deals.closed.v1.dlq
create leads.erasures.v1 --config cleanup.policy=compact
create leads.erasures.v1.dlq
create sla.breaches.v1
create sla.breaches.v1.dlq
create marketing.commitments.v1
create marketing.commitments.v1.dlq
echo "LeadPact topics are there"
