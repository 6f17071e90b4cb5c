#!/bin/sh
# Times a refresh, as a user runs it (dist/awsmfa, no start-up cache), against credentials files
# of 10, 1,000 and 10,000 profiles, and against files just under 16 MiB (the most awkward reads)
# of the most awkward shapes (blank lines only, lines without '=', a section per line, one
# section of many short keys). Prints, in one run, the median wall time and the peak RSS of each,
# beside a refresh of a file with the source profile alone as the floor, and how many bytes of
# memory beyond the floor each byte of the file costs. Then the edit alone, in-process and warmed
# up (ScaleBenchmark). It prints figures; it is not a test.
#
# The endpoint is the STS stand-in from the test sources, on loopback, over HTTPS with a
# throwaway certificate authority that only AWS_CA_BUNDLE makes trusted.
set -eu

root=$(CDPATH='' cd -- "$(dirname -- "$0")/../.." && pwd -P)
cd "$root"
runs=${RUNS:-5}
[ -x /usr/bin/time ] || { echo "scale.sh: needs /usr/bin/time (Debian package time)" >&2; exit 1; }

mvn -q -B package -DskipTests -Dbundle.skip

# shellcheck source=src/build/standin.sh
. "$root/src/build/standin.sh"
start_standin java target/test-classes

source_keys='[default]
aws_access_key_id = AKIAIOSFODNN7EXAMPLE
aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY
'
max=$((16 * 1024 * 1024 - 4096)) # room for the session that the refresh adds

# FILE SHAPE COUNT: the source profile, then COUNT profiles or lines of SHAPE, at most 16 MiB.
make_file() {
  {
    printf '%s' "$source_keys"
    awk -v shape="$2" -v n="$3" -v max="$max" -v used="${#source_keys}" 'BEGIN {
      if (shape == "keys") { print "[many-keys]"; used += 12 }
      for (i = 0; i < n; i++) {
        if (shape == "profiles") {
          line = sprintf("[profile-%d]\naws_access_key_id = AKIA%016d\naws_secret_access_key = secret%d\n; note\n", i, i, i)
        } else if (shape == "blank") {
          line = "\n"
        } else if (shape == "no-delimiter") {
          line = "x\n"
        } else if (shape == "sections") {
          line = sprintf("[s%d]\n", i)
        } else {
          line = sprintf("k%d=v\n", i)
        }
        if (used + length(line) > max) break
        used += length(line)
        printf "%s", line
      }
    }'
  } >"$1"
}

# Prints "median-ms peak-rss-kib" of RUNS refreshes with HOME=$1, each from a fresh copy.
measure() {
  home=$1
  i=0
  : >"$work/times"
  while [ "$i" -lt "$runs" ]; do
    cp "$home/template" "$home/.aws/credentials"
    chmod 600 "$home/.aws/credentials"
    HOME=$home AWSMFA_CACHE=off AWS_CA_BUNDLE="$ca/ca.pem" /usr/bin/time -f '%e %M' \
      -o "$work/one" dist/awsmfa 123456 --serial-number arn:aws:iam::123456789012:mfa/alice \
      --endpoint-url "$endpoint" --quiet
    cat "$work/one" >>"$work/times"
    i=$((i + 1))
  done
  sort -n "$work/times" | awk '{ t[NR] = $1; if ($2 > m) m = $2 }
    END { printf "%d %d\n", t[int((NR + 1) / 2)] * 1000, m }'
}

printf '%-14s %8s %10s %9s %10s %16s\n' shape profiles bytes ms "RSS MiB" "B/B over floor"
floor=
for spec in "profiles 0" "profiles 10" "profiles 1000" "profiles 10000" "blank 99999999" \
  "no-delimiter 99999999" "sections 99999999" "keys 99999999"; do
  # shellcheck disable=SC2086 # two words, split on purpose
  set -- $spec
  home=$work/home-$1-$2
  mkdir -p "$home/.aws"
  make_file "$home/template" "$1" "$2"
  bytes=$(wc -c <"$home/template")
  result=$(measure "$home")
  ms=${result% *}
  rss=${result#* }
  [ -n "$floor" ] || floor=$rss
  count=$2
  [ "$1" = profiles ] || count=-
  awk -v shape="$1" -v n="$count" -v b="$bytes" -v ms="$ms" -v rss="$rss" -v floor="$floor" \
    'BEGIN { over = b < 100000 ? "-" : sprintf("%.1f", (rss - floor) * 1024 / b)
      printf "%-14s %8s %10d %9d %10.1f %16s\n", shape, n, b, ms, rss / 1024, over }'
done

echo
echo "The edit alone, in-process and warmed up:"
java -cp target/classes:target/test-classes dev.awsmfa.ScaleBenchmark
