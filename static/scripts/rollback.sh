#!/usr/bin/env bash
# rollback.sh - return the platform to its last known good state.
#
# Two modes:
#   switch (production default): point the api-gateway and web Services at the target colour:
#          --to <colour>, or else the live colour recorded by the last deploy.sh switch (annotation
#          platform/previous-colour on service/api-gateway). Refuses a target that runs
#          a newer image than the live colour. Takes seconds; changes no Helm release.
#   helm   (staging default):    helm rollback of one release to an earlier revision.
#
# Database migrations are NEVER rolled back by this script. See the database migrations page.
# Documented in the handbook: docs/deployment/deploy-and-rollback-scripts.md
#
# Exit codes:
#   0  success (or dry run without problems)
#   1  unexpected error
#   2  usage error (bad or missing arguments)
#   3  pre-flight check failed; nothing was changed
#   4  aborted at the confirmation prompt; nothing was changed
#   5  the rollback command failed; the state may be partial: check the Services and `helm status`
#   6  the rollback was applied but verification failed: escalate and act by hand

set -euo pipefail

readonly SCRIPT_NAME="${0##*/}"
readonly PUBLIC_SERVICES=(api-gateway web)
readonly SERVICES=(api-gateway web worker)

ENV_NAME=""
MODE=""
TO_COLOUR=""
RELEASE=""
REVISION=""
ASSUME_YES=false
DRY_RUN=false
HELM_TIMEOUT="10m"
BACKUP_ROOT="${DEPLOY_BACKUP_DIR:-./deploy-backups}"

usage() {
  cat <<EOF
Usage: $SCRIPT_NAME --env <staging|production> [--mode switch|helm] [options]

Roll the platform back to its last known good state.

Options:
  --env <name>          staging or production (required)
  --mode <mode>         switch: Services to the target colour (production only, the default there)
                        helm:   helm rollback of one release (the default in staging)
  --to <colour>         switch mode: blue or green (default: the live colour recorded by the last
                        deploy.sh switch). Refused if it runs a newer image than the live colour
  --release <name>      helm mode: the release (staging: platform; production: platform-blue or
                        platform-green, required)
  --revision <n>        helm mode: revision to return to (default: the last superseded one)
  --yes                 do not ask for confirmation (production asks otherwise)
  --dry-run             run the pre-flight checks and server-side dry runs; change nothing
  --timeout <duration>  helm --timeout (default $HELM_TIMEOUT)
  --backup-dir <dir>    where to save the current state (default $BACKUP_ROOT)
  -h, --help            show this help

Exit codes: 0 ok, 2 usage, 3 pre-flight, 4 aborted, 5 rollback failed (state may be partial),
            6 applied but verification failed (escalate).
EOF
}

log()  { printf '%s [rollback] %s\n' "$(date -u +%H:%M:%SZ)" "$*"; }
warn() { printf '%s [rollback] WARNING: %s\n' "$(date -u +%H:%M:%SZ)" "$*" >&2; }
die()  { local code=$1; shift; printf '%s [rollback] ERROR: %s\n' "$(date -u +%H:%M:%SZ)" "$*" >&2; exit "$code"; }

# shellcheck disable=SC2317  # called by the EXIT trap
on_exit() {
  local rc=$?
  if [[ $rc -ne 0 ]]; then printf '[rollback] exited with code %s\n' "$rc" >&2; fi
}
trap on_exit EXIT

# --- Arguments -----------------------------------------------------------------------------------

need_value() { [[ $# -ge 2 && -n $2 && $2 != --* ]] || die 2 "$1 needs a value (see --help)"; }

while [[ $# -gt 0 ]]; do
  case $1 in
    --env) need_value "$@"; ENV_NAME=$2; shift 2 ;;
    --mode) need_value "$@"; MODE=$2; shift 2 ;;
    --to) need_value "$@"; TO_COLOUR=$2; shift 2 ;;
    --release) need_value "$@"; RELEASE=$2; shift 2 ;;
    --revision) need_value "$@"; REVISION=$2; shift 2 ;;
    --yes) ASSUME_YES=true; shift ;;
    --dry-run) DRY_RUN=true; shift ;;
    --timeout) need_value "$@"; HELM_TIMEOUT=$2; shift 2 ;;
    --backup-dir) need_value "$@"; BACKUP_ROOT=$2; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) usage >&2; die 2 "unknown argument: $1" ;;
  esac
done

[[ -n $ENV_NAME ]] || { usage >&2; die 2 "--env is required"; }
case $ENV_NAME in
  staging) MODE=${MODE:-helm}; RELEASE=${RELEASE:-platform} ;;
  production) MODE=${MODE:-switch} ;;
  *) die 2 "--env must be staging or production, not '$ENV_NAME'" ;;
esac
case $MODE in
  switch) [[ $ENV_NAME == production ]] || die 2 "--mode switch exists only in production (staging has one colour)"
          [[ -z $RELEASE && -z $REVISION ]] || die 2 "--release and --revision apply to --mode helm only"
          case $TO_COLOUR in
            ''|blue|green) ;;
            *) die 2 "--to must be blue or green, not '$TO_COLOUR'" ;;
          esac ;;
  helm) [[ -z $TO_COLOUR ]] || die 2 "--to applies to --mode switch only" ;;
  *) die 2 "--mode must be switch or helm, not '$MODE'" ;;
esac
if [[ $MODE == helm ]]; then
  case "$ENV_NAME/$RELEASE" in
    staging/platform|production/platform-blue|production/platform-green) ;;
    production/) die 2 "--mode helm in production needs --release platform-blue or platform-green" ;;
    *) die 2 "release '$RELEASE' does not exist in $ENV_NAME" ;;
  esac
fi
[[ -z $REVISION || $REVISION =~ ^[1-9][0-9]*$ ]] || die 2 "--revision must be a revision number"
[[ $HELM_TIMEOUT =~ ^[0-9]+[smh]$ ]] || die 2 "--timeout must look like 10m"

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

confirm() {
  local prompt=$1 answer
  if $ASSUME_YES || $DRY_RUN; then return 0; fi
  [[ -t 0 ]] || die 4 "no terminal to confirm on; re-run with --yes if this is intended"
  read -r -p "$prompt Type '$ENV_NAME' to continue: " answer
  [[ $answer == "$ENV_NAME" ]] || die 4 "not confirmed; nothing was changed"
}

check_endpoint() {
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

ready_replicas() {
  # Prints "<ready> <desired>" for a deployment.
  local ready desired
  desired=$(k get deployment "$1" -o jsonpath='{.spec.replicas}') || return 1
  ready=$(k get deployment "$1" -o jsonpath='{.status.readyReplicas}') || return 1
  echo "${ready:-0} ${desired:-0}"
}

image_of() { k get deployment "$1" -o jsonpath='{.spec.template.spec.containers[0].image}' 2>/dev/null || echo "?"; }

# True when image tag $1 is a newer version than $2 (version sort: 2026.11.10 > 2026.11.9).
newer_than() { [[ $1 != "$2" && $(printf '%s\n%s\n' "$1" "$2" | sort -V | tail -n 1) == "$1" ]]; }

# Mutating kubectl calls go through change(): in a dry run it adds --dry-run=server. No array that
# may be empty is ever expanded ("${a[@]}" of an empty array aborts under set -u on bash < 4.4).
change() {
  if $DRY_RUN; then k "$@" --dry-run=server >/dev/null; else k "$@"; fi
}

RAISED_HPAS=""   # HPAs whose minimum this run raised, "name=old-minimum", for the closing message

raise_target_capacity() {
  # The target colour has sat idle since the last switch, so its HPAs scaled it down to their
  # minimums. Give api-gateway and web of the target at least the live colour's replica counts
  # (scaling page, "Before switching colours"). In a rollback the script does not wait for the
  # new pods: the switch is urgent, and the target already has its ready pods.
  local svc live_replicas min
  for svc in "${PUBLIC_SERVICES[@]}"; do
    live_replicas=$(k get deployment "$svc-$LIVE_COLOUR" -o jsonpath='{.status.replicas}') || return 1
    min=$(k get hpa "$svc-$TARGET_COLOUR" -o jsonpath='{.spec.minReplicas}') || return 1
    if (( ${live_replicas:-0} > ${min:-0} )); then
      log "Raising the HPA minimum of $svc-$TARGET_COLOUR from ${min:-0} to $live_replicas (the replicas of $svc-$LIVE_COLOUR)"
      change patch hpa "$svc-$TARGET_COLOUR" -p "{\"spec\":{\"minReplicas\":$live_replicas}}" || return 1
      RAISED_HPAS+=" $svc-$TARGET_COLOUR=${min:-0}"
    fi
  done
}

# --- 1. Pre-flight -------------------------------------------------------------------------------

log "Pre-flight checks: $MODE rollback on $ENV_NAME$($DRY_RUN && echo ' (dry run)')"

for tool in kubectl helm curl jq; do
  command -v "$tool" >/dev/null 2>&1 || die 3 "'$tool' is not installed"
done
kubectl config get-contexts "$CONTEXT" >/dev/null 2>&1 || die 3 "kube context '$CONTEXT' not found"
k get namespace "$NAMESPACE" >/dev/null || die 3 "cannot reach namespace '$NAMESPACE' with context '$CONTEXT'"

if [[ $ENV_NAME == production ]]; then
  LIVE_COLOUR=$(k get service api-gateway -o jsonpath='{.spec.selector.color}') \
    || die 3 "cannot read the selector of service/api-gateway"
  case $LIVE_COLOUR in
    blue) OTHER_COLOUR=green ;;
    green) OTHER_COLOUR=blue ;;
    *) die 3 "service/api-gateway selects color='$LIVE_COLOUR'; expected blue or green" ;;
  esac
  log "Live colour: $LIVE_COLOUR ($(image_of "api-gateway-$LIVE_COLOUR")); other colour: $OTHER_COLOUR ($(image_of "api-gateway-$OTHER_COLOUR"))"
fi

if [[ $MODE == switch ]]; then
  if [[ -n $TO_COLOUR ]]; then
    TARGET_COLOUR=$TO_COLOUR
    log "Target colour $TARGET_COLOUR (from --to)"
  else
    TARGET_COLOUR=$(k get service api-gateway \
      -o jsonpath='{.metadata.annotations.platform/previous-colour}') || TARGET_COLOUR=""
    case $TARGET_COLOUR in
      blue|green) log "Target colour $TARGET_COLOUR (the live colour recorded by the last deploy)" ;;
      *) die 3 "no previous colour recorded on service/api-gateway: give --to blue or --to green (check both colours' images first)" ;;
    esac
  fi
  [[ $TARGET_COLOUR != "$LIVE_COLOUR" ]] \
    || die 3 "traffic is already on $TARGET_COLOUR: nothing to switch. Wrong colour? Give --to; a bad version on both colours needs --mode helm"
  for svc in "${PUBLIC_SERVICES[@]}"; do
    live_image=$(image_of "$svc-$LIVE_COLOUR")
    target_image=$(image_of "$svc-$TARGET_COLOUR")
    [[ $live_image == *:* && $target_image == *:* ]] \
      || die 3 "cannot read the images of $svc-$LIVE_COLOUR ('$live_image') and $svc-$TARGET_COLOUR ('$target_image')"
    if newer_than "${target_image##*:}" "${live_image##*:}"; then
      die 3 "$svc-$TARGET_COLOUR runs ${target_image##*:}, NEWER than the live ${live_image##*:}: switching there is not a rollback. Refused; to go forward, use deploy.sh"
    fi
    [[ $target_image != "$live_image" ]] || warn "$svc-$TARGET_COLOUR runs the same image as the live colour ($live_image)"
  done
  for svc in "${PUBLIC_SERVICES[@]}"; do
    read -r ready desired < <(ready_replicas "$svc-$TARGET_COLOUR") \
      || die 3 "deployment/$svc-$TARGET_COLOUR not found"
    if (( desired == 0 || ready < desired )); then
      die 3 "deployment/$svc-$TARGET_COLOUR has $ready/$desired ready replicas: it cannot take traffic. Scale it up first or use --mode helm on platform-$LIVE_COLOUR"
    fi
  done
  log "Target colour $TARGET_COLOUR is ready to take traffic"
else
  status=$(h status "$RELEASE" --output json 2>/dev/null | jq -r '.info.status') \
    || die 3 "release $RELEASE not found in $NAMESPACE"
  [[ $status != pending-* ]] || die 3 "release $RELEASE is in state '$status': another operation is running or was interrupted"
  history=$(h history "$RELEASE" --max 50 --output json)
  CURRENT_REVISION=$(jq -r '.[-1].revision' <<<"$history")
  if [[ -z $REVISION ]]; then
    REVISION=$(jq -r --argjson cur "$CURRENT_REVISION" \
      '[.[] | select(.revision < $cur and .status == "superseded")] | last | .revision // empty' <<<"$history")
    [[ -n $REVISION ]] || die 3 "no earlier superseded revision of $RELEASE; give --revision"
  fi
  (( REVISION != CURRENT_REVISION )) || die 3 "revision $REVISION is already the current one"
  jq -e --argjson rev "$REVISION" 'any(.[]; .revision == $rev)' <<<"$history" >/dev/null \
    || die 3 "revision $REVISION of $RELEASE is not in its last 50 revisions"
  target_chart=$(jq -r --argjson rev "$REVISION" '.[] | select(.revision == $rev) | "\(.chart) app \(.app_version)"' <<<"$history")
  log "Release $RELEASE: current revision $CURRENT_REVISION ($status), target revision $REVISION ($target_chart)"
  if [[ $ENV_NAME == production && $RELEASE == "platform-$LIVE_COLOUR" ]]; then
    warn "$RELEASE is the LIVE colour: its pods serve users and are replaced during the rollback"
  fi
fi

warn "Database migrations are not rolled back. If the bad version ran a migration the old code cannot use, stop and follow the database migrations page with the Database admin."

# --- 2. Confirmation -----------------------------------------------------------------------------

if [[ $ENV_NAME == production ]]; then
  if [[ $MODE == switch ]]; then
    echo
    echo "  Switch PRODUCTION traffic from $LIVE_COLOUR to $TARGET_COLOUR:"
    for svc in "${PUBLIC_SERVICES[@]}"; do
      printf '    %-12s from %s\n    %-12s to   %s\n' "$svc" "$(image_of "$svc-$LIVE_COLOUR")" "" "$(image_of "$svc-$TARGET_COLOUR")"
    done
    echo
  else
    echo; echo "  Roll PRODUCTION release $RELEASE back from revision $CURRENT_REVISION to $REVISION."; echo
  fi
  confirm "Roll back production?"
fi

# --- 3. Backup of the current state --------------------------------------------------------------

BACKUP_DIR="$BACKUP_ROOT/$ENV_NAME-rollback-$(date -u +%Y%m%dT%H%M%SZ)"
if $DRY_RUN; then
  log "Dry run: would save the current state to $BACKUP_DIR"
else
  mkdir -p "$BACKUP_DIR"
  if [[ $ENV_NAME == production ]]; then
    for svc in "${PUBLIC_SERVICES[@]}"; do
      k get service "$svc" -o jsonpath='{.spec.selector}' >"$BACKUP_DIR/selector-$svc.json"
    done
    echo "$LIVE_COLOUR" >"$BACKUP_DIR/live-colour.txt"
  fi
  if [[ $MODE == helm ]]; then
    h get values "$RELEASE" --output yaml >"$BACKUP_DIR/values.yaml"
    h get manifest "$RELEASE" >"$BACKUP_DIR/manifest.yaml"
    echo "$history" >"$BACKUP_DIR/history.json"
    echo "$CURRENT_REVISION" >"$BACKUP_DIR/revision.txt"
  fi
  log "Saved the current state to $BACKUP_DIR"
fi

# --- 4. Roll back --------------------------------------------------------------------------------

if [[ $MODE == switch ]]; then
  raise_target_capacity || warn "could not raise the HPA minimums of $TARGET_COLOUR: it takes the traffic with its current pods; raise them by hand (scaling page)"
  if ! change annotate ingress api-gateway-canary "nginx.ingress.kubernetes.io/canary-weight=0" --overwrite; then
    die 5 "could not set the canary weight to 0; nothing else was changed"
  fi
  for svc in "${PUBLIC_SERVICES[@]}"; do
    change patch service "$svc" \
      -p "{\"spec\":{\"selector\":{\"app\":\"$svc\",\"color\":\"$TARGET_COLOUR\"}}}" \
      || die 5 "patching service/$svc failed: check both Services' selectors now"
  done
  worker_ready=0 worker_desired=0
  read -r worker_ready worker_desired < <(ready_replicas "worker-$TARGET_COLOUR") || worker_desired=0
  if (( worker_desired == 0 )); then
    live_workers=$(k get deployment "worker-$LIVE_COLOUR" -o jsonpath='{.spec.replicas}')
    log "worker-$TARGET_COLOUR has no replicas; scaling it to ${live_workers:-1}"
    # validate-ignore commands/hpa-scale: the worker is at 0 replicas here (tested above), where its HPA does nothing
    change scale deployment "worker-$TARGET_COLOUR" --replicas="${live_workers:-1}" \
      || warn "could not scale worker-$TARGET_COLOUR: jobs are still processed by worker-$LIVE_COLOUR"
  else
    log "worker-$TARGET_COLOUR has $worker_ready/$worker_desired ready replicas"
  fi
else
  rollback_args=(rollback "$RELEASE" "$REVISION" --wait --timeout "$HELM_TIMEOUT")
  if $DRY_RUN; then rollback_args+=(--dry-run); fi
  h "${rollback_args[@]}" || die 5 "helm rollback failed: run 'helm status $RELEASE -n $NAMESPACE' and 'helm history $RELEASE -n $NAMESPACE'"
fi

if $DRY_RUN; then
  log "Dry run finished: the rollback was accepted; nothing was changed"
  exit 0
fi

# --- 5. Verify -----------------------------------------------------------------------------------

if [[ $MODE == helm ]]; then
  if [[ $ENV_NAME == staging ]]; then suffix=""; else suffix="-${RELEASE#platform-}"; fi
  for svc in "${SERVICES[@]}"; do
    k rollout status "deployment/$svc$suffix" --timeout=10m \
      || die 6 "deployment/$svc$suffix is not ready after the rollback"
  done
fi

if [[ $ENV_NAME == staging || $MODE == switch || $RELEASE == "platform-${LIVE_COLOUR:-}" ]]; then
  if ! check_endpoint "$API_URL/healthz" || ! check_endpoint "$APP_URL/healthz"; then
    die 6 "health endpoints fail after the rollback: escalate (SEV1 if users cannot use the service)"
  fi
fi

if [[ $MODE == switch ]]; then
  cat <<EOF

  Traffic is on $TARGET_COLOUR ($(image_of "api-gateway-$TARGET_COLOUR")).
  HPA minimums raised:${RAISED_HPAS:- none}; set them back to the scaling table in an hour.
  $LIVE_COLOUR still runs the bad version, for investigation; its worker still consumes jobs:
  scale worker-$LIVE_COLOUR down once the rollback is verified (see the rollback checklist).
  To go forward to $LIVE_COLOUR again once it is fixed, follow the deployment guide
  (this script refuses a colour that runs a newer image).
  Backup of the previous state: $BACKUP_DIR

EOF
else
  log "$RELEASE rolled back to revision $REVISION. Undo: helm rollback $RELEASE $CURRENT_REVISION -n $NAMESPACE"
fi
exit 0
