#!/usr/bin/env bash
# Shared helpers for the baas scripts: find a JDK 21+, install what is missing, run Maven with that JDK.
set -euo pipefail

BAAS_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BAAS_STATE="${BAAS_ROOT}/.baas"
mkdir -p "$BAAS_STATE"

log() { printf '\033[1;34m[baas]\033[0m %s\n' "$*" >&2; }
die() { printf '\033[1;31m[baas] error:\033[0m %s\n' "$*" >&2; exit 1; }

java_major() {
  # prints the major version of the java binary given, or nothing
  local v
  v="$("$1" -version 2>&1 | awk -F'"' '/version/ {print $2; exit}')" || return 0
  case "$v" in 1.*) echo "${v#1.}" | cut -d. -f1 ;; *) echo "${v%%[.+-]*}" ;; esac
}

find_jdk() {
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/javac" ]; then
    local m; m="$(java_major "$JAVA_HOME/bin/java")"
    if [ -n "$m" ] && [ "$m" -ge 21 ]; then echo "$JAVA_HOME"; return 0; fi
  fi
  local best="" best_major=0 d m
  for d in /usr/lib/jvm/*/ /opt/java/*/ /opt/*jdk*/; do
    [ -x "${d}bin/javac" ] || continue
    m="$(java_major "${d}bin/java")"
    [ -n "$m" ] || continue
    if [ "$m" -ge 21 ] && [ "$m" -gt "$best_major" ]; then best="${d%/}"; best_major="$m"; fi
  done
  [ -n "$best" ] && { echo "$best"; return 0; }
  return 1
}

use_jdk() {
  local jdk
  jdk="$(find_jdk)" || die "no JDK 21 or newer found (looked at JAVA_HOME and /usr/lib/jvm). Install one, e.g. 'apt-get install openjdk-21-jdk-headless' or a Temurin 21+ JDK, or point JAVA_HOME at it."
  export JAVA_HOME="$jdk"
  export PATH="$JAVA_HOME/bin:$PATH"
}

# Debian packages the project needs at run and test time, with the command or file that proves each is there.
REQUIRED_PACKAGES=(
  "maven:/usr/bin/mvn"
  "chromium:/usr/bin/chromium"
  "ffmpeg:/usr/bin/ffprobe"
  "espeak-ng:/usr/bin/espeak-ng"
  "sox:/usr/bin/sox"
  "libpocketsphinx3:/usr/lib/x86_64-linux-gnu/libpocketsphinx.so.3"
  "pocketsphinx-en-us:/usr/share/pocketsphinx/model/en-us/en-us"
  "pocketsphinx-testdata:/usr/share/pocketsphinx/test/data/librivox/fileids"
  "fonts-dejavu-core:/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
)

install_packages() {
  local missing=() entry pkg path
  for entry in "${REQUIRED_PACKAGES[@]}"; do
    pkg="${entry%%:*}"; path="${entry#*:}"
    [ -e "$path" ] || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" -ne 0 ] && ! command -v sudo >/dev/null; then
    die "missing packages: ${missing[*]} (run as root or install them: apt-get install ${missing[*]})"
  fi
  local SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  log "installing Debian packages: ${missing[*]}"
  if [ ! -f "$BAAS_STATE/apt-updated" ] || [ -n "$(find "$BAAS_STATE/apt-updated" -mmin +1440 2>/dev/null)" ]; then
    $SUDO apt-get update -qq >/dev/null
    touch "$BAAS_STATE/apt-updated"
  fi
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null \
    || die "apt-get install ${missing[*]} failed"
}

setup() {
  install_packages
  use_jdk
  export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
  export MAVEN_OPTS="${MAVEN_OPTS:-} --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow -XX:+UseSerialGC"
}

mvn_run() {
  (cd "$BAAS_ROOT" && mvn -B -ntp "$@")
}

# Builds the server distribution once; rebuilds only when sources changed since the last build.
ensure_built() {
  local stamp="$BAAS_STATE/build.stamp"
  local newer=""
  if [ -f "$stamp" ] && [ -d "$BAAS_ROOT/baas-server-helidon/target/dist" ]; then
    newer="$(cd "$BAAS_ROOT" && find . -path ./.baas -prune -o -path '*/target' -prune -o -path ./.git -prune -o -type f \( -name '*.java' -o -name 'pom.xml' -o -path '*/src/main/resources/*' \) -newer "$stamp" -print -quit)"
    [ -z "$newer" ] && return 0
  fi
  log "building (skipping tests)…"
  mvn_run -q -DskipTests package
  touch "$stamp"
}
