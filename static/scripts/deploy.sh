#!/usr/bin/env bash
# deploy.sh - deploy a version of the platform to staging or production.
#
# Staging:    helm upgrade of the release `platform`, then rollout and health checks.
# Production: blue-green. Installs the version on the IDLE colour (release platform-<idle>),
#             sends a canary share of traffic to it, checks its error rate, raises the idle
#             colour's HPA minimums to the live colour's replica counts, records the live colour
#             on service/api-gateway, switches the Services, verifies, and switches back by
#             itself if the verification fails.
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
#   130, 143  interrupted (SIGINT, SIGTERM). Before the switch: canary removed, traffic on the live
#             colour. After the switch: traffic stays on the new colour, unverified (message says so)

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
# Thresholds of the policies in src/data/platform.yml (the check policy/script-defaults holds them
# to it): canary-abort "above 1%" and switch-back "above 5% for 5 minutes".
MAX_ERROR_RATIO="0.01"
SWITCH_BACK_RATIO="0.05"
SWITCH_BACK_MINUTES=5
HELM_TIMEOUT="15m"
BACKUP_ROOT="${DEPLOY_BACKUP_DIR:-./deploy-backups}"
PROMETHEUS_URL="${PROMETHEUS_URL:-https://prometheus.example.com}"
RAISED_HPAS=""   # HPAs whose minimum this run raised, "name=old-minimum", for the closing message

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
  --max-error-ratio <r>    highest 5xx ratio of the canary in any minute, e.g. 0.01 for 1% (default $MAX_ERROR_RATIO)
  --switch-back-ratio <r>  after the switch, switch back when the 5xx ratio stays above this for
                           $SWITCH_BACK_MINUTES minutes (default $SWITCH_BACK_RATIO)
  --timeout <duration>     helm --timeout (default $HELM_TIMEOUT)
  --backup-dir <dir>       where to save the current values and revision (default $BACKUP_ROOT)
  -h, --help               show this help

Environment: DEPLOY_BACKUP_DIR (default backup dir), PROMETHEUS_URL (default $PROMETHEUS_URL).
Exit codes: 0 ok, 2 usage, 3 pre-flight, 4 aborted, 5 upgrade failed, 6 canary failed,
            7 switched back after a failed verification, 8 switch-back failed (act by hand),
            130/143 interrupted (SIGINT/SIGTERM).
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
    --switch-back-ratio) need_value "$@"; SWITCH_BACK_RATIO=$2; shift 2 ;;
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
[[ $SWITCH_BACK_RATIO =~ ^0?\.[0-9]+$ ]] || die 2 "--switch-back-ratio must be a ratio such as 0.05"
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
  # 5xx ratio of the api-gateway pods of one colour over the last 5 minutes, from Prometheus.
  # Labels as in the monitoring reference: service, status, and pod (the pod name holds the colour).
  # `or vector(0)`: a colour with requests but no 5xx has no 5xx series at all; that is a ratio of 0.
  # Prints the ratio, or "none" when Prometheus has no data (no requests, or no series).
  local colour=$1 selector query result
  selector="namespace=\"production\",service=\"api-gateway\",pod=~\"api-gateway-$colour-.*\""
  query="(sum(rate(http_requests_total{$selector,status=~\"5..\"}[5m])) or vector(0))"
  query+=" / sum(rate(http_requests_total{$selector}[5m]))"
  result=$(curl --fail --silent --show-error --max-time 10 -G "$PROMETHEUS_URL/api/v1/query" \
    --data-urlencode "query=$query") || return 1
  jq -r '.data.result[0].value[1] // "none"' <<<"$result"
}

no_data() {
  # True when Prometheus gave no usable number: no series, or 0/0 (NaN). Treated as a failure.
  [[ $1 == none || $1 == NaN || $1 == +Inf || $1 == -Inf ]]
}

above() {
  # True when ratio $1 > threshold $2. Call no_data first: "none" and NaN are not numbers.
  awk -v r="$1" -v max="$2" 'BEGIN { exit !(r + 0 > max + 0) }'
}

pause() {
  # sleep in the background and wait for it, so that SIGINT/SIGTERM run their trap at once
  # instead of after the sleep.
  sleep "$1" &
  wait "$!"
}

# Mutating kubectl calls go through change(): in a dry run it adds --dry-run=server. No array that
# may be empty is ever expanded ("${a[@]}" of an empty array aborts under set -u on bash < 4.4).
change() {
  if $DRY_RUN; then k "$@" --dry-run=server >/dev/null; else k "$@"; fi
}

set_canary_weight() {
  change annotate ingress api-gateway-canary "nginx.ingress.kubernetes.io/canary-weight=$1" --overwrite
}

switch_services() {
  # Point the api-gateway and web Services at one colour.
  local colour=$1 svc
  for svc in "${PUBLIC_SERVICES[@]}"; do
    change patch service "$svc" \
      -p "{\"spec\":{\"selector\":{\"app\":\"$svc\",\"color\":\"$colour\"}}}" || return 1
  done
}

raise_idle_capacity() {
  # The idle colour runs at its HPA minimum. Give each public deployment of the target colour at
  # least the live colour's current replica count before it takes all the traffic (scaling page,
  # "Before switching colours"), and wait for the pods.
  local svc live_replicas min
  for svc in "${PUBLIC_SERVICES[@]}"; do
    live_replicas=$(k get deployment "$svc-$LIVE_COLOUR" -o jsonpath='{.status.replicas}') || return 1
    min=$(k get hpa "$svc-$TARGET_COLOUR" -o jsonpath='{.spec.minReplicas}') || return 1
    if (( ${live_replicas:-0} > ${min:-0} )); then
      log "Raising the HPA minimum of $svc-$TARGET_COLOUR from ${min:-0} to $live_replicas (the replicas of $svc-$LIVE_COLOUR)"
      change patch hpa "$svc-$TARGET_COLOUR" -p "{\"spec\":{\"minReplicas\":$live_replicas}}" || return 1
      RAISED_HPAS+=" $svc-$TARGET_COLOUR=${min:-0}"
    else
      log "$svc-$TARGET_COLOUR: HPA minimum ${min:-0} already covers the ${live_replicas:-0} replicas of $svc-$LIVE_COLOUR"
    fi
  done
  $DRY_RUN && return 0
  for svc in "${PUBLIC_SERVICES[@]}"; do
    wait_ready "$svc-$TARGET_COLOUR" || return 1
  done
}

# shellcheck disable=SC2317  # called by the INT/TERM trap during the canary
interrupted_before_switch() {
  # SIGINT/SIGTERM before the switch: take the canary out and stop. Never go on to the switch.
  trap '' INT TERM
  warn "interrupted ($1): removing the canary; traffic stays on $LIVE_COLOUR"
  set_canary_weight 0 || warn "could not set the canary weight to 0: do it by hand now (rollback card)"
  exit "$2"
}

# shellcheck disable=SC2317  # called by the INT/TERM trap after the switch
interrupted_after_switch() {
  trap '' INT TERM
  warn "interrupted ($1) during the verification after the switch: traffic is on $TARGET_COLOUR, UNVERIFIED."
  warn "Check the health endpoints and the error ratio now; to go back: rollback.sh --env production --to $LIVE_COLOUR"
  exit "$2"
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
    switch back      5xx ratio above $SWITCH_BACK_RATIO for $SWITCH_BACK_MINUTES min after the switch
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
    raise_idle_capacity || die 6 "HPA patch rejected by the API server"
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
trap 'interrupted_before_switch SIGINT 130' INT
trap 'interrupted_before_switch SIGTERM 143' TERM
set_canary_weight "$CANARY_WEIGHT"

abort_canary() {
  set_canary_weight 0 || warn "could not set the canary weight to 0: do it by hand now (rollback card)"
  die 6 "$1; canary removed, traffic on $LIVE_COLOUR"
}

for (( minute = 1; minute <= CANARY_MINUTES; minute++ )); do
  pause 60
  ratio=$(error_ratio "$TARGET_COLOUR") || abort_canary "cannot query Prometheus at $PROMETHEUS_URL"
  log "canary minute $minute/$CANARY_MINUTES: 5xx ratio of $TARGET_COLOUR = $ratio"
  if no_data "$ratio"; then
    abort_canary "Prometheus has no request data for the $TARGET_COLOUR pods (ratio '$ratio'): the canary is unverified"
  fi
  if above "$ratio" "$MAX_ERROR_RATIO"; then
    abort_canary "canary 5xx ratio $ratio is above $MAX_ERROR_RATIO"
  fi
done

if ! $SWITCH; then
  trap '' INT TERM
  set_canary_weight 0
  log "Canary passed. --no-switch: canary removed, traffic stays on $LIVE_COLOUR. $RELEASE runs $VERSION."
  exit 0
fi

# --- 7. Capacity, switch and verify (production) -------------------------------------------------

confirm "Canary passed. Switch all traffic from $LIVE_COLOUR to $TARGET_COLOUR?"
raise_idle_capacity || abort_canary "could not give $TARGET_COLOUR the live colour's capacity"

# The switch itself is not interruptible: both Services move, or the script says which did not.
trap '' INT TERM
k annotate service api-gateway "platform/previous-colour=$LIVE_COLOUR" --overwrite \
  || abort_canary "could not record the live colour on service/api-gateway"
log "Switching the Services to $TARGET_COLOUR (recorded previous colour: $LIVE_COLOUR)"
switch_services "$TARGET_COLOUR" || {
  switch_services "$LIVE_COLOUR" || die 8 "switching the Services FAILED half-way. Patch both to '$LIVE_COLOUR' by hand now"
  abort_canary "patching the Services failed; both are back on $LIVE_COLOUR"
}
set_canary_weight 0 || warn "could not set the canary weight to 0: do it by hand (it now points at the live colour's old release)"
trap 'interrupted_after_switch SIGINT 130' INT
trap 'interrupted_after_switch SIGTERM 143' TERM

switch_back() {
  trap '' INT TERM
  warn "$1: switching traffic back to $LIVE_COLOUR"
  if switch_services "$LIVE_COLOUR"; then
    die 7 "traffic is back on $LIVE_COLOUR ($TARGET_COLOUR still runs $VERSION for investigation). Backup: $BACKUP_DIR"
  fi
  die 8 "switching back FAILED. Patch the Services to '$LIVE_COLOUR' by hand now (see the emergency rollback page)"
}

check_endpoint "$API_URL/healthz" || switch_back "$API_URL/healthz fails after the switch"
check_endpoint "$APP_URL/healthz" || switch_back "$APP_URL/healthz fails after the switch"

# The switch-back policy: above SWITCH_BACK_RATIO in every minute of SWITCH_BACK_MINUTES. A ratio
# above the canary's threshold that does not last is reported, for the on-call engineer to watch.
log "Watching the 5xx ratio of $TARGET_COLOUR for $SWITCH_BACK_MINUTES minutes after the switch"
minutes_above=0
for (( minute = 1; minute <= SWITCH_BACK_MINUTES; minute++ )); do
  pause 60
  ratio=$(error_ratio "$TARGET_COLOUR") || switch_back "cannot query Prometheus after the switch"
  log "post-switch minute $minute/$SWITCH_BACK_MINUTES: 5xx ratio = $ratio"
  if no_data "$ratio"; then
    switch_back "Prometheus has no request data for the $TARGET_COLOUR pods after the switch"
  fi
  if above "$ratio" "$SWITCH_BACK_RATIO"; then minutes_above=$(( minutes_above + 1 )); else minutes_above=0; fi
  if (( minutes_above >= SWITCH_BACK_MINUTES )); then
    switch_back "5xx ratio above $SWITCH_BACK_RATIO for $SWITCH_BACK_MINUTES minutes after the switch (last $ratio)"
  fi
done
if above "$ratio" "$MAX_ERROR_RATIO"; then
  warn "5xx ratio $ratio is above $MAX_ERROR_RATIO after the switch: watch it against the rollback triggers (rollback decision matrix)"
fi

cat <<EOF

  Production runs $VERSION on $TARGET_COLOUR. Previous colour $LIVE_COLOUR is still running.
  Next, by hand (see the deployment guide):
    - scale worker-$TARGET_COLOUR up and worker-$LIVE_COLOUR down once the switch is verified
    - in an hour, set the HPA minimums back to the scaling table (raised:${RAISED_HPAS:- none})
    - keep $LIVE_COLOUR for 24 hours before reusing it
    - fill in the deployment log; backup of the previous state: $BACKUP_DIR

EOF
exit 0
