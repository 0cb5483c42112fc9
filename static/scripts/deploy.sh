#!/usr/bin/env bash
# deploy.sh - deploy a version of the platform to staging or production.
#
# Staging:    helm upgrade of the release `platform`, then rollout and health checks.
# Production: blue-green. Installs the version on the IDLE colour (release platform-<idle>),
#             sends a canary share of traffic to it, checks its error rate, switches the
#             Services, verifies, and switches back by itself if the verification fails.
#
# Documented in the handbook: docs/deployment/deploy-and-rollback-scripts.md
#
# Exit codes:
#   0  success (or dry run without problems)
#   1  unexpected error (a command failed where no specific handling exists)
#   2  usage error (bad or missing arguments)
#   3  pre-flight check failed; nothing was changed
#   4  aborted at the confirmation prompt; nothing was changed
#   5  helm upgrade failed; --atomic rolled the release back, traffic unchanged
#   6  the new colour failed verification or its canary; canary removed, traffic on the live colour
#   7  verification after the switch failed; traffic was switched back to the previous colour
#   8  verification after the switch failed AND switching back failed: act by hand now (SEV1/SEV2)

set -euo pipefail

readonly SCRIPT_NAME="${0##*/}"
readonly CHART="oci://registry.example.com/charts/platform"
readonly IMAGE_REPO="registry.example.com/platform"
readonly SERVICES=(api-gateway web worker)
readonly PUBLIC_SERVICES=(api-gateway web)

ENV_NAME=""
VERSION=""
ASSUME_YES=false
DRY_RUN=false
SWITCH=true
CANARY_WEIGHT=10
CANARY_MINUTES=15
MAX_ERROR_RATIO="0.01"
HELM_TIMEOUT="15m"
BACKUP_ROOT="${DEPLOY_BACKUP_DIR:-./deploy-backups}"
PROMETHEUS_URL="${PROMETHEUS_URL:-https://prometheus.example.com}"

usage() {
  cat <<EOF
Usage: $SCRIPT_NAME --env <staging|production> --version <version> [options]

Deploy <version> (image tag and chart version) of api-gateway, web and worker.

Options:
  --env <name>             staging or production (required)
  --version <version>      version to deploy, e.g. 2026.11.3 (required)
  --yes                    do not ask for confirmation (production asks otherwise)
  --dry-run                run the pre-flight checks and server-side dry runs; change nothing
  --no-switch              production: stop after a successful canary; traffic stays on the live colour
  --canary-weight <1-50>   production: percentage of requests for the canary (default $CANARY_WEIGHT)
  --canary-minutes <n>     production: how long to watch the canary (default $CANARY_MINUTES)
  --max-error-ratio <r>    highest 5xx ratio accepted, e.g. 0.01 for 1% (default $MAX_ERROR_RATIO)
  --timeout <duration>     helm --timeout (default $HELM_TIMEOUT)
  --backup-dir <dir>       where to save the current values and revision (default $BACKUP_ROOT)
  -h, --help               show this help

Environment: DEPLOY_BACKUP_DIR (default backup dir), PROMETHEUS_URL (default $PROMETHEUS_URL).
Exit codes: 0 ok, 2 usage, 3 pre-flight, 4 aborted, 5 upgrade failed, 6 canary failed,
            7 switched back after a failed verification, 8 switch-back failed (act by hand).
EOF
}

log()  { printf '%s [deploy] %s\n' "$(date -u +%H:%M:%SZ)" "$*"; }
warn() { printf '%s [deploy] WARNING: %s\n' "$(date -u +%H:%M:%SZ)" "$*" >&2; }
die()  { local code=$1; shift; printf '%s [deploy] ERROR: %s\n' "$(date -u +%H:%M:%SZ)" "$*" >&2; exit "$code"; }

# shellcheck disable=SC2317  # called by the EXIT trap
on_exit() {
  local rc=$?
  if [[ $rc -ne 0 ]]; then printf '[deploy] exited with code %s\n' "$rc" >&2; fi
}
trap on_exit EXIT

# --- Arguments -----------------------------------------------------------------------------------

need_value() { [[ $# -ge 2 && -n $2 && $2 != --* ]] || die 2 "$1 needs a value (see --help)"; }

while [[ $# -gt 0 ]]; do
  case $1 in
    --env) need_value "$@"; ENV_NAME=$2; shift 2 ;;
    --version) need_value "$@"; VERSION=$2; shift 2 ;;
    --yes) ASSUME_YES=true; shift ;;
    --dry-run) DRY_RUN=true; shift ;;
    --no-switch) SWITCH=false; shift ;;
    --canary-weight) need_value "$@"; CANARY_WEIGHT=$2; shift 2 ;;
    --canary-minutes) need_value "$@"; CANARY_MINUTES=$2; shift 2 ;;
    --max-error-ratio) need_value "$@"; MAX_ERROR_RATIO=$2; shift 2 ;;
    --timeout) need_value "$@"; HELM_TIMEOUT=$2; shift 2 ;;
    --backup-dir) need_value "$@"; BACKUP_ROOT=$2; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) usage >&2; die 2 "unknown argument: $1" ;;
  esac
done

[[ -n $ENV_NAME ]] || { usage >&2; die 2 "--env is required"; }
[[ -n $VERSION ]] || { usage >&2; die 2 "--version is required"; }
case $ENV_NAME in
  staging|production) ;;
  *) die 2 "--env must be staging or production, not '$ENV_NAME'" ;;
esac
[[ $VERSION =~ ^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$ ]] || die 2 "'$VERSION' is not a valid image tag"
[[ $VERSION != latest ]] || die 2 "refusing to deploy 'latest': give the exact version"
if ! [[ $CANARY_WEIGHT =~ ^[1-9][0-9]?$ ]] || (( CANARY_WEIGHT > 50 )); then
  die 2 "--canary-weight must be an integer from 1 to 50"
fi
[[ $CANARY_MINUTES =~ ^[1-9][0-9]*$ ]] || die 2 "--canary-minutes must be a positive integer"
[[ $MAX_ERROR_RATIO =~ ^0?\.[0-9]+$ ]] || die 2 "--max-error-ratio must be a ratio such as 0.01"
[[ $HELM_TIMEOUT =~ ^[0-9]+[smh]$ ]] || die 2 "--timeout must look like 15m"

# Names from the service catalog (src/data/catalog.yml).
NAMESPACE=$ENV_NAME
CONTEXT=$ENV_NAME
if [[ $ENV_NAME == staging ]]; then
  API_URL="https://api.staging.example.com"
  APP_URL="https://app.staging.example.com"
else
  API_URL="https://api.example.com"
  APP_URL="https://app.example.com"
fi

k() { kubectl --context "$CONTEXT" --namespace "$NAMESPACE" "$@"; }
h() { helm --kube-context "$CONTEXT" --namespace "$NAMESPACE" "$@"; }

# --- Helpers -------------------------------------------------------------------------------------

confirm() {
  # Production changes need the operator to type the environment name, unless --yes.
  local prompt=$1 answer
  if $ASSUME_YES || $DRY_RUN; then return 0; fi
  [[ -t 0 ]] || die 4 "no terminal to confirm on; re-run with --yes if this is intended"
  read -r -p "$prompt Type '$ENV_NAME' to continue: " answer
  [[ $answer == "$ENV_NAME" ]] || die 4 "not confirmed; nothing was changed by this step"
}

release_status() { h status "$1" --output json 2>/dev/null | jq -r '.info.status' || echo "missing"; }

live_colour() { k get service api-gateway -o jsonpath='{.spec.selector.color}'; }

wait_ready() {
  # All replicas of a deployment updated and ready, or fail.
  local deployment=$1
  k rollout status "deployment/$deployment" --timeout=10m || return 1
  local desired ready
  desired=$(k get deployment "$deployment" -o jsonpath='{.spec.replicas}')
  ready=$(k get deployment "$deployment" -o jsonpath='{.status.readyReplicas}')
  if [[ ${desired:-0} -eq 0 && $deployment == worker-* ]]; then
    # The idle colour's worker is scaled to 0 after each switch; it is moved over after this one.
    warn "deployment/$deployment has 0 replicas: not verified; scale it up after the switch"
    return 0
  fi
  [[ ${ready:-0} -ge ${desired:-1} && ${desired:-0} -gt 0 ]] || {
    warn "deployment/$deployment has ${ready:-0}/${desired:-0} ready replicas"
    return 1
  }
}

check_endpoint() {
  # Five attempts, five seconds apart: the URL must answer 2xx.
  local url=$1 attempt
  for attempt in 1 2 3 4 5; do
    if curl --fail --silent --show-error --max-time 5 --output /dev/null "$url"; then
      log "OK  $url"
      return 0
    fi
    warn "attempt $attempt: $url did not answer 2xx"
    sleep 5
  done
  return 1
}

error_ratio() {
  # 5xx ratio of api-gateway pods of one colour over the last 5 minutes, from Prometheus.
  # Prints the ratio, or "none" when there were no requests.
  local colour=$1 query result
  query="sum(rate(http_requests_total{namespace=\"production\",service=\"api-gateway\",pod=~\"api-gateway-$colour-.*\",status=~\"5..\"}[5m]))"
  query+=" / sum(rate(http_requests_total{namespace=\"production\",service=\"api-gateway\",pod=~\"api-gateway-$colour-.*\"}[5m]))"
  result=$(curl --fail --silent --show-error --max-time 10 -G "$PROMETHEUS_URL/api/v1/query" \
    --data-urlencode "query=$query") || return 1
  jq -r '.data.result[0].value[1] // "none"' <<<"$result"
}

ratio_too_high() {
  # True when ratio > MAX_ERROR_RATIO. "none" (no traffic) and NaN are not failures.
  [[ $1 == none || $1 == NaN ]] && return 1
  awk -v r="$1" -v max="$MAX_ERROR_RATIO" 'BEGIN { exit !(r + 0 > max + 0) }'
}

set_canary_weight() {
  local weight=$1
  if $DRY_RUN; then
    k annotate ingress api-gateway-canary "nginx.ingress.kubernetes.io/canary-weight=$weight" \
      --overwrite --dry-run=server >/dev/null
  else
    k annotate ingress api-gateway-canary "nginx.ingress.kubernetes.io/canary-weight=$weight" --overwrite
  fi
}

switch_services() {
  # Point the api-gateway and web Services at one colour.
  local colour=$1 svc extra=()
  $DRY_RUN && extra=(--dry-run=server)
  for svc in "${PUBLIC_SERVICES[@]}"; do
    k patch service "$svc" "${extra[@]}" \
      -p "{\"spec\":{\"selector\":{\"app\":\"$svc\",\"color\":\"$colour\"}}}" || return 1
  done
}

# --- 1. Pre-flight -------------------------------------------------------------------------------

log "Pre-flight checks for $VERSION on $ENV_NAME$($DRY_RUN && echo ' (dry run)')"

for tool in kubectl helm curl jq docker awk; do
  command -v "$tool" >/dev/null 2>&1 || die 3 "'$tool' is not installed"
done

kubectl config get-contexts "$CONTEXT" >/dev/null 2>&1 || die 3 "kube context '$CONTEXT' not found"
k get namespace "$NAMESPACE" >/dev/null || die 3 "cannot reach namespace '$NAMESPACE' with context '$CONTEXT'"

h show chart "$CHART" --version "$VERSION" >/dev/null 2>&1 \
  || die 3 "chart $CHART version $VERSION not found (is the chart pushed? are you logged in to the registry?)"

for svc in "${SERVICES[@]}"; do
  docker manifest inspect "$IMAGE_REPO/$svc:$VERSION" >/dev/null 2>&1 \
    || die 3 "image $IMAGE_REPO/$svc:$VERSION not found in the registry"
done
log "Chart and images for $VERSION exist"

if [[ $ENV_NAME == staging ]]; then
  RELEASE=platform
  TARGET_COLOUR=""
  DEPLOYMENTS=("${SERVICES[@]}")
else
  LIVE_COLOUR=$(live_colour) || die 3 "cannot read the selector of service/api-gateway"
  case $LIVE_COLOUR in
    blue) TARGET_COLOUR=green ;;
    green) TARGET_COLOUR=blue ;;
    *) die 3 "service/api-gateway selects color='$LIVE_COLOUR'; expected blue or green" ;;
  esac
  web_colour=$(k get service web -o jsonpath='{.spec.selector.color}')
  [[ $web_colour == "$LIVE_COLOUR" ]] \
    || die 3 "service/web selects '$web_colour' but api-gateway selects '$LIVE_COLOUR': fix the split first"
  current_weight=$(k get ingress api-gateway-canary \
    -o jsonpath='{.metadata.annotations.nginx\.ingress\.kubernetes\.io/canary-weight}')
  [[ ${current_weight:-0} == 0 ]] \
    || die 3 "a canary is already running (weight $current_weight): finish or remove it first"
  RELEASE="platform-$TARGET_COLOUR"
  DEPLOYMENTS=("${SERVICES[@]/%/-$TARGET_COLOUR}")
  log "Live colour: $LIVE_COLOUR. Target (idle) colour: $TARGET_COLOUR, release $RELEASE"
fi

status=$(release_status "$RELEASE")
case $status in
  deployed|superseded) ;;
  failed) warn "release $RELEASE is in state 'failed'; the upgrade will replace it" ;;
  pending-*) die 3 "release $RELEASE is in state '$status': another operation is running or was interrupted" ;;
  *) die 3 "release $RELEASE not found (state '$status'); this script upgrades existing releases only" ;;
esac
CURRENT_REVISION=$(h history "$RELEASE" --max 1 --output json | jq -r '.[-1].revision')
log "Release $RELEASE is at revision $CURRENT_REVISION ($status)"

# --- 2. Confirmation -----------------------------------------------------------------------------

if [[ $ENV_NAME == production ]]; then
  cat <<EOF

  About to deploy to PRODUCTION
    version          $VERSION
    release          $RELEASE (revision $CURRENT_REVISION, idle colour $TARGET_COLOUR)
    live colour      $LIVE_COLOUR (left untouched until the switch)
    canary           ${CANARY_WEIGHT}% for ${CANARY_MINUTES} min, max 5xx ratio $MAX_ERROR_RATIO
    switch traffic   $SWITCH

EOF
  confirm "Deploy $VERSION to production?"
fi

# --- 3. Backup of the current state --------------------------------------------------------------

BACKUP_DIR="$BACKUP_ROOT/$ENV_NAME-$RELEASE-$(date -u +%Y%m%dT%H%M%SZ)"
if $DRY_RUN; then
  log "Dry run: would save values, manifest and history of $RELEASE to $BACKUP_DIR"
else
  mkdir -p "$BACKUP_DIR"
  h get values "$RELEASE" --output yaml >"$BACKUP_DIR/values.yaml"
  h get values "$RELEASE" --all --output yaml >"$BACKUP_DIR/values-all.yaml"
  h get manifest "$RELEASE" >"$BACKUP_DIR/manifest.yaml"
  h history "$RELEASE" --max 20 --output json >"$BACKUP_DIR/history.json"
  echo "$CURRENT_REVISION" >"$BACKUP_DIR/revision.txt"
  if [[ $ENV_NAME == production ]]; then
    for svc in "${PUBLIC_SERVICES[@]}"; do
      k get service "$svc" -o jsonpath='{.spec.selector}' >"$BACKUP_DIR/selector-$svc.json"
    done
    echo "$LIVE_COLOUR" >"$BACKUP_DIR/live-colour.txt"
  fi
  log "Saved the current state of $RELEASE to $BACKUP_DIR"
fi

# --- 4. Upgrade ----------------------------------------------------------------------------------

upgrade_args=(upgrade "$RELEASE" "$CHART" --version "$VERSION" --reuse-values
  --set "image.tag=$VERSION" --atomic --wait --timeout "$HELM_TIMEOUT")
if $DRY_RUN; then
  log "Dry run: helm upgrade --dry-run=server (renders and validates against the cluster)"
  h "${upgrade_args[@]}" --dry-run=server >/dev/null || die 5 "helm upgrade dry run failed"
  if [[ $ENV_NAME == production ]]; then
    set_canary_weight "$CANARY_WEIGHT" || die 6 "canary annotation rejected by the API server"
    switch_services "$TARGET_COLOUR" || die 6 "Service patch rejected by the API server"
  fi
  log "Dry run finished: every step was accepted by the API server; nothing was changed"
  exit 0
fi

log "Upgrading $RELEASE to $VERSION (migrations run first, as a pre-upgrade hook)"
h "${upgrade_args[@]}" || die 5 "helm upgrade failed; --atomic rolled $RELEASE back. Traffic is unchanged. Backup: $BACKUP_DIR"

# --- 5. Verify the new pods ----------------------------------------------------------------------

for deployment in "${DEPLOYMENTS[@]}"; do
  wait_ready "$deployment" || die 6 "deployment/$deployment is not ready. Traffic is unchanged; roll $RELEASE back with rollback.sh"
done
log "All deployments of $RELEASE are ready"

if [[ $ENV_NAME == staging ]]; then
  if ! check_endpoint "$API_URL/healthz" || ! check_endpoint "$APP_URL/healthz"; then
    die 7 "health endpoints fail after the upgrade; roll back with: rollback.sh --env staging"
  fi
  log "Staging runs $VERSION. Done."
  exit 0
fi

# --- 6. Canary (production) ----------------------------------------------------------------------

log "Canary: sending ${CANARY_WEIGHT}% of API requests to $TARGET_COLOUR for $CANARY_MINUTES min"
set_canary_weight "$CANARY_WEIGHT"
trap 'warn "interrupted: removing the canary"; set_canary_weight 0 || true' INT TERM

for (( minute = 1; minute <= CANARY_MINUTES; minute++ )); do
  sleep 60
  if ! ratio=$(error_ratio "$TARGET_COLOUR"); then
    set_canary_weight 0
    die 6 "cannot query Prometheus at $PROMETHEUS_URL; canary removed, traffic on $LIVE_COLOUR"
  fi
  log "canary minute $minute/$CANARY_MINUTES: 5xx ratio of $TARGET_COLOUR = $ratio"
  if ratio_too_high "$ratio"; then
    set_canary_weight 0
    die 6 "canary 5xx ratio $ratio is above $MAX_ERROR_RATIO; canary removed, traffic on $LIVE_COLOUR"
  fi
done
[[ ${ratio:-none} == none ]] && warn "the canary received no requests; its error rate is unknown"

if ! $SWITCH; then
  set_canary_weight 0
  trap - INT TERM
  log "Canary passed. --no-switch: canary removed, traffic stays on $LIVE_COLOUR. $RELEASE runs $VERSION."
  exit 0
fi

# --- 7. Switch and verify (production) -----------------------------------------------------------

confirm "Canary passed. Switch all traffic from $LIVE_COLOUR to $TARGET_COLOUR?"
trap - INT TERM
log "Switching the Services to $TARGET_COLOUR"
switch_services "$TARGET_COLOUR"
set_canary_weight 0

switch_back() {
  warn "$1: switching traffic back to $LIVE_COLOUR"
  if switch_services "$LIVE_COLOUR"; then
    die 7 "traffic is back on $LIVE_COLOUR ($TARGET_COLOUR still runs $VERSION for investigation). Backup: $BACKUP_DIR"
  fi
  die 8 "switching back FAILED. Patch the Services to '$LIVE_COLOUR' by hand now (see the emergency rollback page)"
}

check_endpoint "$API_URL/healthz" || switch_back "$API_URL/healthz fails after the switch"
check_endpoint "$APP_URL/healthz" || switch_back "$APP_URL/healthz fails after the switch"

log "Watching the 5xx ratio of $TARGET_COLOUR for 5 minutes after the switch"
for minute in 1 2 3 4 5; do
  sleep 60
  ratio=$(error_ratio "$TARGET_COLOUR") || switch_back "cannot query Prometheus after the switch"
  log "post-switch minute $minute/5: 5xx ratio = $ratio"
  if ratio_too_high "$ratio"; then
    switch_back "5xx ratio $ratio is above $MAX_ERROR_RATIO after the switch"
  fi
done

cat <<EOF

  Production runs $VERSION on $TARGET_COLOUR. Previous colour $LIVE_COLOUR is still running.
  Next, by hand (see the deployment guide):
    - scale worker-$TARGET_COLOUR up and worker-$LIVE_COLOUR down once the switch is verified
    - keep $LIVE_COLOUR for 24 hours before reusing it
    - fill in the deployment log; backup of the previous state: $BACKUP_DIR

EOF
exit 0
