#!/bin/sh
# Builds awsmfa and runs one complete refresh against the local STS stand-in from the test
# sources, in a throwaway home directory, showing the files before and after, then says what
# to run next. No AWS account is needed: the stand-in checks the SigV4 signature and the TOTP
# code as AWS STS does.
set -eu

root=$(cd "$(dirname "$0")/../.." && pwd -P)
cd "$root"

echo "== building awsmfa (mvn package, tests skipped)"
mvn -q -B package -DskipTests -Dbundle.skip

home=$(mktemp -d)
endpoint_file=$home/sts-endpoint
sts_pid=
cleanup() {
  if [ -n "$sts_pid" ]; then kill "$sts_pid" 2>/dev/null || true; fi
  rm -rf "$home"
}
trap cleanup EXIT INT TERM

mkdir -m 700 "$home/.aws"
cat > "$home/.aws/credentials" <<'INI'
# Long-term keys of the IAM user alice. awsmfa never touches this section.
[default]
aws_access_key_id = AKIAIOSFODNN7EXAMPLE
aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY

; a hand-written note that must survive
[legacy]
aws_access_key_id: AKIAOLDEXAMPLEKEY123
aws_secret_access_key: old
INI
chmod 600 "$home/.aws/credentials"
cat > "$home/.aws/config" <<'INI'
[default]
region = eu-west-1
s3 =
    max_concurrent_requests = 20
INI

java -cp target/test-classes dev.awsmfa.sts.StsStandIn serve "$endpoint_file" &
sts_pid=$!
tries=0
while [ ! -s "$endpoint_file" ]; do
  tries=$((tries + 1))
  if [ "$tries" -gt 100 ]; then echo "the STS stand-in did not start" >&2; exit 1; fi
  sleep 0.1
done
endpoint=$(cat "$endpoint_file")
code=$(java -cp target/test-classes dev.awsmfa.sts.StsStandIn code)

for f in credentials config; do
  echo "== ~/.aws/$f before"
  cat "$home/.aws/$f"
done
cp "$home/.aws/credentials" "$home/credentials.before"
cp "$home/.aws/config" "$home/config.before"

echo "== awsmfa --serial-number arn:aws:iam::123456789012:mfa/alice $code --endpoint-url $endpoint"
HOME=$home AWSMFA_CACHE=off dist/awsmfa --serial-number arn:aws:iam::123456789012:mfa/alice "$code" \
  --endpoint-url "$endpoint"

for f in credentials config; do
  echo "== ~/.aws/$f after (diff against before)"
  diff "$home/$f.before" "$home/.aws/$f" || true
done
echo "== every line of the files before is still there, byte for byte; secrets shown here are the stand-in's"
cat <<NEXT
== next, with your own AWS account:
   install awsmfa (into ~/.local; PREFIX=DIR installs elsewhere):
       $root/dist/install.sh
   once, name your MFA device in the profile that holds your long-term keys:
       aws configure set mfa_serial arn:aws:iam::ACCOUNT:mfa/DEVICE
   each morning, with the code your device shows, then use the session:
       awsmfa 123456
       aws s3 ls --profile mfa
   (if your long-term keys are not in [default], add --profile NAME to the first two)
   any time, to see how long the session has left:
       awsmfa status
NEXT
