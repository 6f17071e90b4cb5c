# shellcheck shell=sh
# Sourced by the benchmarks, from the project's root: a throwaway work directory, removed on
# exit, and `start_standin JAVA`, which runs the STS stand-in from the test sources there over
# HTTPS, with a throwaway certificate authority ($work/ca/ca.pem), and sets $endpoint.
work=$(mktemp -d)
sts_pid=
cleanup() {
  if [ -n "$sts_pid" ]; then kill "$sts_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT INT TERM

start_standin() {
  "$1" -cp target/test-classes dev.awsmfa.sts.StsStandIn serve-https "$work/ca" \
    "$work/endpoint" >/dev/null 2>&1 &
  sts_pid=$!
  tries=0
  while [ ! -s "$work/endpoint" ]; do
    tries=$((tries + 1))
    [ "$tries" -le 300 ] || { echo "${0##*/}: the STS stand-in did not start" >&2; exit 1; }
    sleep 0.1
  done
  # shellcheck disable=SC2034 # for the script that sources this one
  endpoint=$(cat "$work/endpoint")
}
