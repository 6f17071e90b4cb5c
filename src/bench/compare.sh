#!/bin/sh
# Times two bundles side by side, run by run, to see what a change costs at start-up:
# a refresh over HTTPS, a refresh skipped by --min-remaining, status and --help, each bundle
# unpacked afresh, with its build-time caches and nothing trained by the user. Prints each
# median of the new bundle against the old one's, and both sizes.
#   src/bench/compare.sh OLD.tar.gz NEW.tar.gz        (RUNS=40 by default)
# It needs target/test-classes (mvn test-compile) for the STS stand-in. It prints figures; it is
# not a test.
set -eu

[ $# -eq 2 ] || { echo "usage: $0 OLD.tar.gz NEW.tar.gz" >&2; exit 2; }
root=$(CDPATH='' cd -- "$(dirname -- "$0")/../.." && pwd -P)
old_tarball=$(readlink -f -- "$1")
new_tarball=$(readlink -f -- "$2")
cd "$root"
runs=${RUNS:-40}
command -v python3 >/dev/null 2>&1 || { echo "compare.sh: needs python3" >&2; exit 1; }

# shellcheck source=src/build/standin.sh disable=SC1091 # followed when it is linted too
. "$root/src/build/standin.sh"
: "${work:?}" "${ca:?}" # both made by standin.sh
unset AWS_PROFILE AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_SESSION_TOKEN AWS_CONFIG_FILE \
  AWS_SHARED_CREDENTIALS_FILE JAVA_TOOL_OPTIONS JDK_JAVA_OPTIONS JAVA_HOME AWSMFA_CACHE

for side in old new; do
  mkdir "$work/$side"
  if [ $side = old ]; then tar -xzf "$old_tarball" -C "$work/$side"; else
    tar -xzf "$new_tarball" -C "$work/$side"; fi
done
set -- "$work"/old/awsmfa-*/bin/awsmfa
old=$1
set -- "$work"/new/awsmfa-*/bin/awsmfa
new=$1

cp -R target/test-classes "$work/classes"
start_standin "$(readlink -f "$(command -v java)")" "$work/classes"
: "${endpoint:?}"
home=$work/home
mkdir -p "$home/.aws"
chmod 700 "$home/.aws"
printf '[default]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\n%s\n' \
  'aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' > "$home/.aws/credentials"
chmod 600 "$home/.aws/credentials"
printf '[default]\nregion = us-east-1\nmfa_serial = arn:aws:iam::123456789012:mfa/alice\n' \
  > "$home/.aws/config"
export HOME="$home" AWS_ENDPOINT_URL_STS="$endpoint" AWS_CA_BUNDLE="$ca/ca.pem"
"$new" 123456 --quiet # a session for the skipped refresh to find

# The two bundles take turns, run by run, so that the machine's drift meets both alike; a block
# of runs of one and then of the other (as hyperfine runs them) showed 15% where there was none.
python3 - "$old" "$new" "$runs" <<'PY'
import statistics, subprocess, sys, time
bins = {"old": sys.argv[1], "new": sys.argv[2]}
runs = int(sys.argv[3])
kinds = {"refresh": ["123456", "--quiet", "--force"], "skip": ["--min-remaining", "1h", "--quiet"],
         "status": ["status"], "help": ["--help"]}
print(f"{'':10} {'old ms':>8} {'new ms':>8} {'new/old':>8}")
for kind, args in kinds.items():
    times = {"old": [], "new": []}
    for i in range(runs + 3):
        for side in ("old", "new") if i % 2 == 0 else ("new", "old"):
            start = time.perf_counter()
            subprocess.run([bins[side]] + args, check=True, stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL)
            if i >= 3:  # the first runs warm the file cache
                times[side].append((time.perf_counter() - start) * 1000)
    old, new = statistics.median(times["old"]), statistics.median(times["new"])
    print(f"{kind:10} {old:8.0f} {new:8.0f} {new / old:8.2f}")
PY
for side in old new; do
  if [ $side = old ]; then t=$old_tarball bin=$old; else t=$new_tarball bin=$new; fi
  printf '%s: tarball %s bytes, jar %s bytes\n' "$side" "$(wc -c < "$t")" \
    "$(wc -c < "${bin%/bin/awsmfa}/lib/awsmfa.jar")"
done
