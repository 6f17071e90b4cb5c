#!/bin/sh
# Times awsmfa's start-up side by side in one run, as a user meets it, on JDK 17 and JDK 25 each
# with its start-up caches: a full refresh over HTTPS, a refresh skipped by --min-remaining,
# status and --help; with `java -version` as the floor, and `aws sts get-session-token` against
# the same endpoint when the AWS CLI is installed. Prints medians, the ratios to the floor and
# to the AWS CLI, the peak RSS of a refresh, and the sizes of the jar and its caches. It prints
# figures; it is not a test.
#
# The endpoint is the STS stand-in from the test sources, on loopback, over HTTPS with a
# throwaway certificate authority that only AWS_CA_BUNDLE makes trusted.
set -eu

root=$(CDPATH='' cd -- "$(dirname -- "$0")/../.." && pwd -P)
cd "$root"
runs=${RUNS:-15}

need() {
  command -v "$1" >/dev/null 2>&1 && return 0
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    apt-get update -qq >/dev/null && apt-get install -y -qq "$2" >/dev/null
  else
    echo "startup.sh: needs $1 (Debian package $2)" >&2
    exit 1
  fi
}
need hyperfine hyperfine
[ -x /usr/bin/time ] || need /usr/bin/time time

mvn -q -B package -DskipTests

first() {
  for candidate in "$@"; do
    if [ -x "$candidate/bin/java" ]; then
      echo "$candidate"
      return
    fi
  done
}
jdk17=${JDK17:-$(first /usr/lib/jvm/java-17-openjdk-*)}
jdk25=${JDK25:-$(first /usr/lib/jvm/temurin-25-* /usr/lib/jvm/java-25-*)}
[ -x "$jdk17/bin/java" ] || { echo "startup.sh: no JDK 17 (set JDK17)" >&2; exit 1; }

# shellcheck source=src/build/standin.sh
. "$root/src/build/standin.sh"
start_standin "$jdk17/bin/java" target/test-classes

home=$work/home
mkdir -p "$home/.aws"
chmod 700 "$home/.aws"
cat > "$home/.aws/credentials" <<'INI'
[default]
aws_access_key_id = AKIAIOSFODNN7EXAMPLE
aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY
INI
chmod 600 "$home/.aws/credentials"
printf '[default]\nregion = us-east-1\nmfa_serial = arn:aws:iam::123456789012:mfa/alice\n' \
  > "$home/.aws/config"

# Every command sees the same, and only this, setting.
export HOME="$home" XDG_CACHE_HOME="$work/cache" AWS_ENDPOINT_URL_STS="$endpoint" \
  AWS_CA_BUNDLE="$work/ca/ca.pem"
unset AWS_PROFILE AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_SESSION_TOKEN JAVA_TOOL_OPTIONS
refresh="dist/awsmfa 123456 --quiet --force"

# Let each JDK's start-up caches (refresh, skip, status, help) be made, as after a first run.
for jdk in "$jdk17" "$jdk25"; do
  [ -x "$jdk/bin/java" ] || continue
  JAVA_HOME=$jdk $refresh
  version=$(sed -n 's/^JAVA_VERSION="\([0-9.]*\).*/\1/p' "$jdk/release")
  tries=0
  while :; do
    made=0
    for cache in "$work/cache/awsmfa/awsmfa-$version-"*; do
      case $cache in *.jsa | *.aot) made=$((made + 1)) ;; esac
    done
    [ "$made" -ge 4 ] && break # refresh, skip, status and help
    tries=$((tries + 1))
    [ "$tries" -le 600 ] || { echo "startup.sh: no start-up cache for $jdk" >&2; exit 1; }
    sleep 0.1
  done
done

set -- -n "java -version (floor)" "$jdk17/bin/java -version"
for jdk in "$jdk17" "$jdk25"; do
  [ -x "$jdk/bin/java" ] || continue
  v=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$jdk/release")
  cache="CDS archive"
  [ "$v" -ge 25 ] && cache="AOT cache"
  set -- "$@" \
    -n "refresh, JDK $v + $cache" "env JAVA_HOME=$jdk $refresh" \
    -n "refresh skipped (--min-remaining), JDK $v" \
    "env JAVA_HOME=$jdk dist/awsmfa --min-remaining 1h --quiet" \
    -n "status, JDK $v" "env JAVA_HOME=$jdk dist/awsmfa status" \
    -n "awsmfa --help, JDK $v" "env JAVA_HOME=$jdk dist/awsmfa --help"
done
[ -x "$jdk25/bin/java" ] && set -- "$@" -n "java -version, JDK 25" "$jdk25/bin/java -version"
if command -v aws >/dev/null 2>&1; then
  set -- "$@" -n "aws sts get-session-token" \
    "aws sts get-session-token --serial-number arn:aws:iam::123456789012:mfa/alice --token-code 123456 --region us-east-1 --output json"
fi

hyperfine -N -w 2 -r "$runs" -i --export-json "$work/results.json" --style basic "$@" \
  > "$work/hyperfine.txt" 2>&1 || { cat "$work/hyperfine.txt" >&2; exit 1; }

# The peak RSS of a refresh on each JDK, the largest of three runs.
rss=
for jdk in "$jdk17" "$jdk25"; do
  [ -x "$jdk/bin/java" ] || continue
  peak=0
  for _ in 1 2 3; do
    # shellcheck disable=SC2086 # $refresh is a command line, split on purpose
    kb=$(env JAVA_HOME="$jdk" /usr/bin/time -v $refresh 2>&1 >/dev/null \
      | sed -n 's/.*Maximum resident set size (kbytes): //p')
    [ "$kb" -gt "$peak" ] && peak=$kb
  done
  rss="$rss JDK $(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$jdk/release") $((peak / 1024)) MiB;"
done
jar_bytes=$(wc -c < target/awsmfa.jar)
caches=$(du -sk "$work/cache/awsmfa" | cut -f1)

python3 - "$work/results.json" "$rss" "$jar_bytes" "$caches" <<'PY'
import json, sys
results = json.load(open(sys.argv[1]))["results"]
median = {r["command"]: r["median"] * 1000 for r in results}
floor = median["java -version (floor)"]
cli = median.get("aws sts get-session-token")
print(f"{'command':44} {'median':>10} {'x floor':>8} {'x aws cli':>10}")
for name, ms in median.items():
    vs_cli = f"{ms / cli:.2f}" if cli else "-"
    print(f"{name:44} {ms:8.0f} ms {ms / floor:8.2f} {vs_cli:>10}")
print(f"peak RSS of a refresh:{sys.argv[2].rstrip(';')}")
jar, caches = int(sys.argv[3]) / 1024 / 1024, int(sys.argv[4]) / 1024
print(f"jar: {jar:.1f} MiB; start-up caches: {caches:.0f} MiB")
PY
