#!/bin/sh
# awsmfa-reminder.sh: warn before the AWS MFA session that awsmfa wrote runs out.
#
# Runs `awsmfa status --warn-within "${AWSMFA_WARN_WITHIN:-2h}"`, plus any arguments given to
# this script (such as --all, or --mfa-profile-name NAME). When the session expires within
# that time (status 10), or has expired or is missing (status 11), it tells the user: with
# osascript on macOS, with notify-send on Linux, and otherwise (or when that fails) on stderr,
# which cron mails. Used by the launchd agent, the systemd user timer and the crontab example
# in this directory.
#
# Environment:
#   AWSMFA              the awsmfa command to run; default: awsmfa, found on PATH
#   AWSMFA_WARN_WITHIN  how long before the end to start warning; default: 2h
#
# Exit status: 0 when the session is fine or the user has been told; otherwise the status of
# `awsmfa status` (2 for bad arguments, 3 for an unreadable file, 127 if awsmfa is not found),
# after printing what it said. Only shell builtins are used besides awsmfa, uname and the
# notifier, so the script works under the minimal PATH of launchd, systemd and cron.

awsmfa=${AWSMFA:-awsmfa}
report=$("$awsmfa" status --warn-within "${AWSMFA_WARN_WITHIN:-2h}" "$@" 2>&1)
rc=$?

case $rc in
0)
  exit 0
  ;;
10)
  title='AWS MFA session expires soon'
  urgency=normal
  ;;
11)
  title='AWS MFA session has expired'
  urgency=critical
  ;;
*)
  printf 'awsmfa-reminder: "%s status" failed with exit status %s\n' "$awsmfa" "$rc" >&2
  if [ -n "$report" ]; then
    printf '%s\n' "$report" >&2
  fi
  exit "$rc"
  ;;
esac

body="${report:+$report
}Run 'awsmfa CODE' with the code from your MFA device to start a new session."

case $(uname -s 2>/dev/null) in
Darwin)
  # The text goes in as arguments, so no quote in it can break the AppleScript.
  if command -v osascript >/dev/null 2>&1 &&
    osascript -e 'on run argv' \
      -e 'display notification (item 2 of argv) with title (item 1 of argv)' \
      -e 'end run' "$title" "$body" >/dev/null; then
    exit 0
  fi
  ;;
*)
  if command -v notify-send >/dev/null 2>&1 &&
    notify-send -u "$urgency" -a awsmfa "$title" "$body"; then
    exit 0
  fi
  ;;
esac

printf 'awsmfa-reminder: %s\n%s\n' "$title" "$body" >&2
exit 0
