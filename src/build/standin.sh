# shellcheck shell=sh
# Sourced by the build's training and by the benchmarks: a throwaway work directory, removed on
# exit, and `start_standin JAVA CLASSES`, which runs the STS stand-in from the compiled test
# sources (CLASSES, target/test-classes) there over HTTPS, with the demo user, any code accepted,
# and sets $endpoint. Its certificate authority ($ca/ca.pem) is made in $work/ca, or taken from
# the directory $STANDIN_CA, where it is made only the first time: the build shares one with
# its tests, as keytool takes seconds to make one.
work=$(mktemp -d)
sts_pid=
cleanup() {
  if [ -n "$sts_pid" ]; then
    kill "$sts_pid" 2>/dev/null || true
    wait "$sts_pid" 2>/dev/null || true # gone before this script is
  fi
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

ca=${STANDIN_CA:-$work/ca}
start_standin() {
  "$1" -cp "$2" dev.awsmfa.sts.StsStandIn serve-https "$ca" "$work/endpoint" \
    >/dev/null 2>&1 &
  sts_pid=$!
  tries=0
  while [ ! -s "$work/endpoint" ]; do
    tries=$((tries + 1))
    if [ "$tries" -gt 300 ] || ! kill -0 "$sts_pid" 2>/dev/null; then
      echo "${0##*/}: the STS stand-in did not start" >&2
      exit 1
    fi
    sleep 0.1
  done
  # shellcheck disable=SC2034 # for the script that sources this one
  endpoint=$(cat "$work/endpoint")
}
