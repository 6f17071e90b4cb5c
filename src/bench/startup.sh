#!/bin/sh
# Times awsmfa's start-up as users meet it, side by side in one hyperfine run:
#   - the self-contained bundle, unpacked afresh and never run before (its AOT caches are the
#     build's; the user trains nothing), with JAVA_HOME unset: no Java needed;
#   - the jar installed with `install.sh --jar` on JDK 17 and on JDK 25, caches made at install;
# each for a full refresh over HTTPS, a refresh skipped by --min-remaining, status and --help.
# Beside them: `java -version` of the default JDK (the floor) and of JDK 25, `aws sts
# get-session-token` against the same endpoint when the AWS CLI is installed.
# Then the peak RSS of a refresh, the bundle's size, and a second run through src/bench/relay.py,
# which adds 50 ms of round trip, as a real STS is far away. The bundle's refresh and the AWS CLI,
# whose ratio has a target, are also timed run by run, taking turns, on loopback and through the
# relay. Prints medians, ratios and one line per target. It prints figures; it is not a test.
#   RUNS=15 src/bench/startup.sh        (JDK17=dir and JDK25=dir pick the JDKs)
#
# The endpoint is the STS stand-in from the test sources, on loopback, over HTTPS with a
# throwaway certificate authority that only AWS_CA_BUNDLE makes trusted.
set -eu

root=$(CDPATH='' cd -- "$(dirname -- "$0")/../.." && pwd -P)
cd "$root"
runs=${RUNS:-15}
say() { echo "startup.sh: $*" >&2; }
fail() { say "$*"; exit 1; }

for tool in hyperfine python3; do
  command -v "$tool" >/dev/null 2>&1 || fail "needs $tool"
done
[ -x /usr/bin/time ] || fail "needs /usr/bin/time (Debian package time)"

# Before HOME changes below: Maven finds its repository there. What the build says goes to
# stderr, leaving stdout to the figures.
say "building (mvn package)"
mvn -q -B package -DskipTests >&2
set -- target/awsmfa-*.tar.gz
[ -f "$1" ] || fail "the build made no bundle (target/awsmfa-*.tar.gz): it needs a JDK 24 or later"
tarball=$1

major() { sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$1/release"; }
first() {
  for candidate in "$@"; do
    if [ -x "$candidate/bin/java" ]; then
      echo "$candidate"
      return
    fi
  done
}
jdk17=${JDK17:-$(first /usr/lib/jvm/java-17-openjdk-* /usr/lib/jvm/temurin-17-*)}
jdk25=${JDK25:-$(first /usr/lib/jvm/temurin-25-* /usr/lib/jvm/java-25-*)}
[ -x "$jdk17/bin/java" ] || fail "no JDK 17 (set JDK17)"
[ -x "$jdk25/bin/java" ] || fail "no JDK 25 (set JDK25)"
java=$(command -v java) || fail "no java on PATH (the floor is its java -version)"
java=$(readlink -f -- "$java")
default_major=$(major "${java%/bin/java}")

# The AWS CLI as installed, not through a pyenv shim, whose bash and `pyenv exec` add hundreds
# of milliseconds that no other install of the CLI has.
aws=
if command -v aws >/dev/null 2>&1; then
  aws=$(command -v aws)
  case $aws in */shims/aws) aws=$(pyenv which aws 2>/dev/null) || aws= ;; esac
fi

# shellcheck source=src/build/standin.sh disable=SC1091 # followed when it is linted too
. "$root/src/build/standin.sh"
: "${work:?}" # made by standin.sh, as $endpoint is by its start_standin
relay_pid=
stop_all() {
  if [ -n "$relay_pid" ]; then
    kill "$relay_pid" 2>/dev/null || true
    wait "$relay_pid" 2>/dev/null || true
  fi
  cleanup # the stand-in's, from standin.sh
}
trap stop_all EXIT

# Every command, the installs' training too, sees only the settings below.
unset AWS_PROFILE AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_SESSION_TOKEN AWS_CONFIG_FILE \
  AWS_SHARED_CREDENTIALS_FILE JAVA_TOOL_OPTIONS JDK_JAVA_OPTIONS JAVA_HOME AWSMFA_CACHE

# The jar on each JDK as install.sh leaves it, start-up caches made at install time.
for v in 17 25; do
  if [ $v = 17 ]; then jdk=$jdk17; else jdk=$jdk25; fi
  say "installing the jar for JDK $v (install.sh --jar, which makes its caches)"
  PREFIX=$work/jar$v JAVA_HOME=$jdk sh dist/install.sh --jar > "$work/install$v.log" 2>&1 \
    || { cat "$work/install$v.log" >&2; fail "install.sh --jar failed for JDK $v"; }
  set -- "$work/jar$v"/lib/awsmfa/lib/awsmfa-*-*.*
  if [ $# -ne 4 ] || [ ! -f "$1" ]; then
    cat "$work/install$v.log" >&2
    fail "install.sh made no start-up caches for JDK $v"
  fi
done

mkdir "$work/unpacked"
tar -xzf "$tarball" -C "$work/unpacked"
set -- "$work/unpacked"/awsmfa-*/bin/awsmfa
[ -x "$1" ] || fail "no bin/awsmfa in $tarball"
bundle=$1
bundle_dir=${bundle%/bin/awsmfa}

# A copy, so that a build in the tree meanwhile cannot take the stand-in's classes away.
cp -R target/test-classes "$work/classes"
start_standin "$java" "$work/classes"
: "${endpoint:?}"

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

# JAVA_HOME stays unset, so the bundle shows that it needs no Java; the jar's commands set it.
export HOME="$home" AWS_ENDPOINT_URL_STS="$endpoint" AWS_CA_BUNDLE="$ca/ca.pem"

refresh="123456 --quiet --force"
aws_call="sts get-session-token --serial-number arn:aws:iam::123456789012:mfa/alice"
aws_call="$aws_call --token-code 123456 --region us-east-1 --output json"

# Sets $run and $label for one install: the bundle bare, the jar with its JDK.
as_installed() {
  case $1 in
    bundle) run=$bundle label=bundle ;;
    jar17) run="env JAVA_HOME=$jdk17 $work/jar17/bin/awsmfa" label="jar, JDK 17" ;;
    jar25) run="env JAVA_HOME=$jdk25 $work/jar25/bin/awsmfa" label="jar, JDK 25" ;;
  esac
}

# The skipped refresh and status need an [mfa] session. It comes from the jar, so that the
# bundle's own first runs are the ones timed.
as_installed jar17
# shellcheck disable=SC2086 # a command line, split on purpose
$run 123456 --quiet

set -- -n "java -version, JDK $default_major (floor)" "$java -version" \
  -n "java -version, JDK 25" "$jdk25/bin/java -version"
for name in bundle jar17 jar25; do
  as_installed $name
  set -- "$@" -n "$label: refresh" "$run $refresh" \
    -n "$label: refresh skipped" "$run --min-remaining 1h --quiet" \
    -n "$label: status" "$run status" \
    -n "$label: --help" "$run --help"
done
# What the caches buy, after the bundle's first runs above.
set -- "$@" -n "bundle: refresh, no cache" "env AWSMFA_CACHE=off $bundle $refresh" \
  -n "bundle: status, no cache" "env AWSMFA_CACHE=off $bundle status"
[ -n "$aws" ] && set -- "$@" -n "aws sts get-session-token" "$aws $aws_call"

say "timing on loopback, $runs runs each"
hyperfine -N -w 2 -r "$runs" --export-json "$work/loopback.json" --style basic "$@" \
  > "$work/hyperfine.txt" 2>&1 || { cat "$work/hyperfine.txt" >&2; fail "hyperfine failed"; }

# The ratios that have targets are timed again run by run, the bundle's refresh and the AWS CLI
# taking turns, so that the machine's drift meets both alike; hyperfine times all runs of one
# command, then all of the next, and commands far apart in its run drift by up to 20%.
alternate() {
  [ -n "$aws" ] || return 0
  # shellcheck disable=SC2086 # command lines, split on purpose
  python3 - "$work/$1.pairs" "$runs" -- $bundle $refresh -- $aws $aws_call <<'PY'
import json, subprocess, sys, time
out, runs = sys.argv[1], int(sys.argv[2])
split = sys.argv.index("--", 4)
commands = {"bundle": sys.argv[4:split], "aws": sys.argv[split + 1:]}
times = {"bundle": [], "aws": []}
for i in range(runs + 2):
    for name in ("bundle", "aws") if i % 2 == 0 else ("aws", "bundle"):
        start = time.perf_counter()
        subprocess.run(commands[name], check=True, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL)
        if i >= 2:  # as hyperfine's warm-up runs
            times[name].append((time.perf_counter() - start) * 1000)
with open(out, "w") as f:
    json.dump(times, f)
PY
}

# Whether each install ran from its caches: how many of a run's classes came from one. After the
# timing, so that the bundle's first runs were the timed ones.
from_cache() {
  rm -f "$work/classes.log"
  JDK_JAVA_OPTIONS="-Xlog:class+load=info:file=$work/classes.log" "$@" >/dev/null 2>&1 || true
  shared=$(grep -c 'source: shared objects file' "$work/classes.log" 2>/dev/null) || true
  total=$(grep -c ' source: ' "$work/classes.log" 2>/dev/null) || true
  printf ' %s/%s' "${shared:-0}" "${total:-0}"
}
caches=
rss=
for name in bundle jar17 jar25; do
  as_installed $name
  # shellcheck disable=SC2086 # command lines, split on purpose
  caches="$caches$name:$(from_cache $run $refresh)$(from_cache $run --min-remaining 1h --quiet)"
  # shellcheck disable=SC2086
  caches="$caches$(from_cache $run status)$(from_cache $run --help);"
  # The peak RSS of a refresh, the largest of three runs.
  peak=0
  for _ in 1 2 3; do
    # shellcheck disable=SC2086
    kb=$(/usr/bin/time -v $run $refresh 2>&1 >/dev/null \
      | sed -n 's/.*Maximum resident set size (kbytes): //p')
    [ "${kb:-0}" -gt "$peak" ] && peak=$kb
  done
  rss="$rss $name=$peak"
done
say "timing the bundle's refresh and the AWS CLI run by run, $runs runs each"
alternate loopback
tar_bytes=$(wc -c < "$tarball")
unpacked_kb=$(du -sk "$bundle_dir" | cut -f1)

# The same refresh over 50 ms of round trip. The stand-in's certificate names 127.0.0.1, so TLS
# through the relay verifies as it does without.
# It stops by itself after a while, should this script be killed before it can stop it.
python3 src/bench/relay.py "$work/relay.port" "${endpoint#https://}" --delay-ms 25 \
  --seconds $((600 + runs * 20)) &
relay_pid=$!
tries=0
while [ ! -s "$work/relay.port" ]; do
  tries=$((tries + 1))
  if [ "$tries" -gt 100 ] || ! kill -0 "$relay_pid" 2>/dev/null; then
    fail "the relay did not start"
  fi
  sleep 0.1
done
far=https://127.0.0.1:$(cat "$work/relay.port")
set -- -n "bundle: refresh" "$bundle $refresh"
[ -n "$aws" ] && set -- "$@" -n "aws sts get-session-token" "$aws $aws_call"
say "timing over 50 ms of round trip, $runs runs each"
AWS_ENDPOINT_URL_STS=$far hyperfine -N -w 2 -r "$runs" --export-json "$work/relay.json" \
  --style basic "$@" > "$work/hyperfine.txt" 2>&1 \
  || { cat "$work/hyperfine.txt" >&2; fail "hyperfine through the relay failed"; }
say "timing both again run by run over 50 ms of round trip, $runs runs each"
AWS_ENDPOINT_URL_STS=$far alternate relay

kill "$relay_pid" 2>/dev/null || true
wait "$relay_pid" || true
relay_pid=

python3 - "$work" "$runs" "$default_major" "$rss" "$tar_bytes" "$unpacked_kb" "$caches" <<'PY'
import json, os, statistics, sys

work, runs, floor_jdk = sys.argv[1:4]
rss = {k: int(v) / 1024 for k, v in (word.split("=") for word in sys.argv[4].split())}
tar_mib, unpacked_mib = int(sys.argv[5]) / 2**20, int(sys.argv[6]) / 1024
caches = [part.strip() for part in sys.argv[7].split(";") if part]

def medians(name):
    with open(f"{work}/{name}.json") as results:
        return {r["command"]: r["median"] * 1000 for r in json.load(results)["results"]}

near, far = medians("loopback"), medians("relay")
floor, java25 = list(near.values())[:2]  # the two java -version, first in the run
AWS = "aws sts get-session-token"
cli, far_cli = near.get(AWS), far.get(AWS)

def run_by_run(name):
    """The bundle's refresh over the AWS CLI's time, medians of runs that took turns."""
    path = f"{work}/{name}.pairs"
    if not os.path.exists(path):
        return None
    with open(path) as pairs:
        durations = json.load(pairs)
    return statistics.median(durations["bundle"]) / statistics.median(durations["aws"])

def times(ms, base):
    return f"{ms / base:.2f}" if base else "-"

print(f"On loopback, medians of {runs} runs:")
print(f"{'command':34} {'median':>9} {'x floor':>8} {'x java 25':>10} {'x aws cli':>10}")
for name, ms in near.items():
    print(f"{name:34} {ms:6.0f} ms {ms / floor:8.2f} {ms / java25:10.2f} {times(ms, cli):>10}")
if cli is None:
    print(f"{AWS}: skipped, no aws on PATH")
print(f"peak RSS of a refresh (the most of 3 runs): bundle {rss['bundle']:.0f} MiB, jar on JDK 17 "
      f"{rss['jar17']:.0f} MiB, jar on JDK 25 {rss['jar25']:.0f} MiB")
print(f"size: the tarball {tar_mib:.1f} MiB, the bundle unpacked {unpacked_mib:.1f} MiB")
print("classes loaded from the start-up cache, of all (refresh, skip, status, help): "
      + "; ".join(caches))

print()
print(f"Over 50 ms of round trip (src/bench/relay.py), medians of {runs} runs:")
print(f"{'command':34} {'median':>9} {'loopback':>9} {'added':>8} {'x aws cli':>10}")
for name, ms in far.items():
    print(f"{name:34} {ms:6.0f} ms {near[name]:6.0f} ms {ms - near[name]:+5.0f} ms "
          f"{times(ms, far_cli):>10}")

def target(text, figure, limit, unit="", under=False):
    if figure is None:
        print(f"{text}: - (no aws cli)")
        return
    met = figure < limit if under else figure <= limit
    bound = "under" if under else "at most"
    print(f"{text}: {figure:.2f}{unit} (target {bound} {limit}{unit}: {'met' if met else 'MISSED'})")

print()
print(f"refresh (bundle) / aws cli, from hyperfine's blocks above: "
      f"{times(near['bundle: refresh'], cli)} on loopback, "
      f"{times(far['bundle: refresh'], far_cli)} over 50 ms of round trip")
target("refresh (bundle, the build's caches only) / aws cli, run by run",
       run_by_run("loopback"), 0.5)
lean = {k: near[f"bundle: {k}"] for k in ("status", "--help", "refresh skipped")}
worst = max(lean, key=lean.get)
target(f"status/help/skip (bundle; the slowest, {worst}) / java -version (JDK {floor_jdk})",
       lean[worst] / floor, 1.5)
target("peak RSS of a refresh (bundle)", rss["bundle"], 80, " MiB", under=True)
target("size of the bundle (the tarball)", tar_mib, 60, " MiB")
print(f"size of the bundle unpacked: {unpacked_mib:.1f} MiB")
target("refresh (bundle) / aws cli, run by run, over 50 ms of round trip", run_by_run("relay"),
       0.5)
PY
