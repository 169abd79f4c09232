#!/bin/sh
# Registers Redactify's search attributes on a Temporal cluster (idempotent). Used by
# docker-compose.yaml; the dev server gets the same list from temporal/dev-server.json.
set -eu
address="${TEMPORAL_ADDRESS:-temporal:7233}"
namespace="${TEMPORAL_NAMESPACE:-default}"
until temporal operator cluster health --address "$address" >/dev/null 2>&1; do sleep 2; done
# Histories are kept no longer than results: RESULT_TTL (24h) plus HISTORY_RETENTION_GRACE (24h).
retention="${TEMPORAL_RETENTION:-48h}"
temporal operator namespace update --address "$address" --namespace "$namespace" --retention "$retention" || true
for pair in BatchId:Keyword SourceType:Keyword PageCount:Int PhiCount:Int OwnerId:Keyword ReviewStatus:Keyword; do
  temporal operator search-attribute create --address "$address" --namespace "$namespace" \
    --name "${pair%%:*}" --type "${pair##*:}" 2>/dev/null || true
done
echo "search attributes registered"
