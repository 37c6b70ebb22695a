# shellcheck shell=bash
# scripts/lib.sh — small helpers shared by scripts/setup, services, run and test.
#
# Source it from a script in scripts/ (or .ci/):
#   source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
# It sets TAILOR_ROOT (the repository root, found from this file's location, so
# the scripts work from any cwd) and defines:
#   log MSG...            progress message on stderr, prefixed with the script name
#   die MSG...            log and exit 1
#   as_root CMD...        run CMD as root (directly when root, else with sudo)
#   alive PID             true if PID exists and is not a zombie
#   port_open PORT        true if something accepts TCP connections on 127.0.0.1:PORT
#   stop_pid NAME PID [TIMEOUT_S]   SIGTERM, wait, SIGKILL fallback (our own PIDs only)
#   configure_build DIR BUILD_TYPE [-DVAR=VALUE...]   cmake -G Ninja, only when needed
#   build DIR             cmake --build DIR (jobs from TAILOR_BUILD_JOBS if set)
# Environment: TAILOR_BUILD_JOBS (parallel build jobs; default: Ninja's own).

TAILOR_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)
# ccache: key on paths relative to the checkout, so another clone (CI's) reuses the cache.
export CCACHE_BASEDIR=${CCACHE_BASEDIR:-$TAILOR_ROOT} CCACHE_NOHASHDIR=${CCACHE_NOHASHDIR:-1}
TAILOR_SCRIPT_NAME=${TAILOR_SCRIPT_NAME:-$(basename "$0")}

log() { printf '%s: %s\n' "$TAILOR_SCRIPT_NAME" "$*" >&2; }
die() { log "error: $*"; exit 1; }

as_root() {
  if [[ $EUID -eq 0 ]]; then
    "$@"
  elif command -v sudo >/dev/null 2>&1; then
    sudo "$@"
  else
    die "need root for: $* (and sudo is not installed)"
  fi
}

# An exited process whose parent has gone can linger here as a zombie for a
# moment until PID 1 reaps it; it no longer holds ports or files, so it counts
# as dead.
alive() { [[ -n ${1:-} && $(ps -o stat= -p "$1" 2>/dev/null) =~ ^[^Z] ]]; }

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

stop_pid() {  # stop_pid NAME PID [TIMEOUT_S]
  local name=$1 pid=$2 timeout=${3:-20} i
  alive "$pid" || return 0
  kill -TERM "$pid" 2>/dev/null || return 0
  for ((i = 0; i < timeout * 20; i++)); do
    alive "$pid" || return 0
    sleep 0.05
  done
  log "$name (pid $pid) still running after ${timeout}s, sending SIGKILL"
  kill -KILL "$pid" 2>/dev/null || true
  for ((i = 0; i < 100; i++)); do alive "$pid" || return 0; sleep 0.05; done
}

ms_since() { echo $(( (${EPOCHREALTIME/./} - $1) / 1000 )); }

# configure_build DIR BUILD_TYPE [-DVAR=VALUE...]
# Runs CMake only when DIR has no cache yet or a requested value differs from
# the cache; otherwise Ninja re-runs CMake by itself when CMakeLists change.
configure_build() {
  local dir=$1 type=$2 need=0 def var val cached
  shift 2
  local defs=("-DCMAKE_BUILD_TYPE=$type" "$@")
  if [[ ! -f $dir/CMakeCache.txt ]]; then
    need=1
  else
    if ! grep -qx 'CMAKE_GENERATOR:INTERNAL=Ninja' "$dir/CMakeCache.txt"; then
      die "$dir was configured with another generator than Ninja; remove $dir and run again"
    fi
    for def in "${defs[@]}"; do
      def=${def#-D}; var=${def%%=*}; val=${def#*=}
      cached=$(sed -n "s/^${var}:[A-Z]*=//p" "$dir/CMakeCache.txt")
      [[ $cached == "$val" ]] || { need=1; break; }
    done
  fi
  if ((need)); then
    log "configuring $dir ($type)"
    cmake -S "$TAILOR_ROOT" -B "$dir" -G Ninja "${defs[@]}" >&2
  fi
}

build() {
  local dir=$1
  log "building $dir"
  cmake --build "$dir" ${TAILOR_BUILD_JOBS:+--parallel "$TAILOR_BUILD_JOBS"} >&2
}
