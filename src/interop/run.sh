#!/usr/bin/env bash
# Interop suite: runs awsmfa on every hand-written fixture (src/test/resources/fixtures/*/)
# against moto_server as STS, then checks the result with the real AWS CLI v1 and botocore's
# own parser (src/interop/check.py); then the session in scripts, and rotate and the MFA device
# lookup against moto's IAM. Needs the AWS CLI v1 (`aws`), botocore and moto
# (`moto_server`); where one is missing it says so and exits 0.
#
#   src/interop/run.sh                              # awsmfa is dist/awsmfa (built if needed)
#   AWSMFA=/path/to/awsmfa src/interop/run.sh       # test another copy of awsmfa
#
# Prints one line per fixture and then `interop: N passed, M failed`; exits 1 if any failed.
set -euo pipefail

caller_dir=$(pwd -P)
cd "$(dirname "${BASH_SOURCE[0]}")/../.."

missing=
if ! command -v aws >/dev/null 2>&1 || ! aws --version >/dev/null 2>&1; then
  missing="the AWS CLI (aws) is not installed"
elif ! command -v moto_server >/dev/null 2>&1 || ! moto_server --help >/dev/null 2>&1; then
  missing="moto_server is not installed"
elif ! command -v python3 >/dev/null 2>&1 || ! python3 -c 'import botocore' >/dev/null 2>&1; then
  missing="python3 cannot import botocore"
fi
if [[ -n $missing ]]; then
  echo "interop: skipped: $missing; these tests need the AWS CLI v1, botocore and moto"
  exit 0
fi

awsmfa=${AWSMFA:-dist/awsmfa}
# A relative AWSMFA is relative to the directory the suite was started from.
if [[ -n ${AWSMFA:-} && $awsmfa == */* && $awsmfa != /* ]]; then
  awsmfa=$caller_dir/$awsmfa
fi
if [[ ($awsmfa == dist/awsmfa || $awsmfa -ef dist/awsmfa) && ! -f target/awsmfa.jar ]]; then
  echo "interop: building target/awsmfa.jar (mvn package, tests skipped)"
  mvn -q -B package -DskipTests -Dbundle.skip
fi

# Every command below sees no AWS setting of the caller's: only what each fixture sets.
while IFS= read -r name; do
  unset "$name"
done < <(compgen -e | grep '^AWS_' || true)
# moto is on loopback: never ask a proxy for it.
export NO_PROXY="127.0.0.1${NO_PROXY:+,$NO_PROXY}" no_proxy="127.0.0.1${no_proxy:+,$no_proxy}"

serial=arn:aws:iam::123456789012:mfa/alice
code=123456
tmp=$(mktemp -d "${TMPDIR:-/tmp}/awsmfa-interop.XXXXXX")
moto_pid=
endpoint=

stop_moto() {
  if [[ -z $moto_pid ]]; then return 0; fi
  kill "$moto_pid" 2>/dev/null || true
  local i
  for ((i = 0; i < 50; i++)); do
    kill -0 "$moto_pid" 2>/dev/null || break
    sleep 0.1
  done
  kill -KILL "$moto_pid" 2>/dev/null || true
  wait "$moto_pid" 2>/dev/null || true
  moto_pid=
}
cleanup() {
  stop_moto
  rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# Any HTTP answer, even an error status, means the server is up.
probe='import sys, urllib.error, urllib.request
opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
try:
    opener.open(sys.argv[1], timeout=1)
except urllib.error.HTTPError:
    pass'
free_port='import socket
s = socket.socket()
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])
s.close()'

start_moto() {
  local attempt port deadline
  for attempt in 1 2 3; do
    port=$(python3 -c "$free_port")
    moto_server -H 127.0.0.1 -p "$port" >"$tmp/moto.log" 2>&1 &
    moto_pid=$!
    deadline=$((SECONDS + 20))
    while ((SECONDS < deadline)) && kill -0 "$moto_pid" 2>/dev/null; do
      if python3 -c "$probe" "http://127.0.0.1:$port/" >/dev/null 2>&1; then
        endpoint=http://127.0.0.1:$port
        return 0
      fi
      sleep 0.2
    done
    echo "interop: moto_server did not answer on port $port (attempt $attempt of 3)" >&2
    stop_moto
  done
  echo "interop: moto_server would not start; its log:" >&2
  cat "$tmp/moto.log" >&2
  exit 1
}

# The last non-blank line of a file, as one line.
last_line() {
  grep -v '^[[:space:]]*$' "$1" | tail -n 1 | tr -d '\r' || true
}

# Runs a command as a user whose home is $home, with STS at moto, and nothing on stdin.
in_home() {
  env HOME="$home" AWS_ENDPOINT_URL_STS="$endpoint" AWSMFA_CACHE=off "$@" </dev/null
}

# The AWS CLI needs a region even with an endpoint URL: a profile without one gets us-east-1.
region_args() {
  local region
  region=$(in_home timeout 60 aws configure get region --profile "$1" 2>/dev/null) || region=
  if [[ -z $region ]]; then
    echo --region
    echo us-east-1
  fi
}

# Runs one fixture. Sets $reason on failure (returns 1) and $note on success.
run_fixture() {
  local dir=$1 fx=$2 aws before err cli=1 out unreadable token_cli token_py profile status
  local -a region
  aws=$home/.aws
  before=$fx/before
  err=$fx/stderr
  reason=
  note=
  mkdir -p "$aws"
  if [[ ! -f $dir/credentials ]]; then
    reason="the fixture has no credentials file"
    return 1
  fi
  cp -- "$dir/credentials" "$aws/credentials"
  if [[ -f $dir/config ]]; then
    cp -- "$dir/config" "$aws/config"
  fi
  chmod 600 "$aws"/*

  if ! unreadable=$(timeout 60 python3 src/interop/check.py parseable "$aws" 2>&1); then
    cli=0
  else
    if [[ -s $aws/config && -n $(tail -c 1 "$aws/config") ]]; then
      printf '\n' >>"$aws/config"
    fi
    printf '%s\n' '[profile prod]' 'role_arn = arn:aws:iam::123456789012:role/prod' \
      'source_profile = mfa' >>"$aws/config"
  fi
  cp -R -- "$aws" "$before"

  status=0
  in_home timeout 60 "$awsmfa" --serial-number "$serial" "$code" >"$fx/stdout" 2>"$err" || status=$?
  if ((status != 0)); then
    reason="awsmfa exited $status: $(last_line "$err")"
    return 1
  fi

  if ! out=$(timeout 60 python3 src/interop/check.py compare "$before" "$aws" 2>&1); then
    reason=${out:-check.py compare failed}
    return 1
  fi
  if ((cli == 0)); then
    note="${out:+$out; }AWS CLI checks skipped, as the AWS CLI cannot read the fixture: ${unreadable:-check.py failed}"
    return 0
  fi

  if ! token_cli=$(in_home timeout 60 aws configure get aws_session_token --profile mfa 2>"$err"); then
    reason="aws configure get aws_session_token --profile mfa failed: $(last_line "$err")"
    return 1
  fi
  if ! token_py=$(timeout 60 python3 src/interop/check.py token "$aws" 2>"$err"); then
    reason="check.py token: $(last_line "$err")"
    return 1
  fi
  if [[ $token_cli != "$token_py" ]]; then
    reason="aws configure get aws_session_token --profile mfa printed a token of ${#token_cli} characters, not the ${#token_py}-character aws_session_token that botocore reads"
    return 1
  fi

  for profile in mfa prod; do
    mapfile -t region < <(region_args "$profile")
    if ! in_home timeout 60 aws sts get-caller-identity --profile "$profile" "${region[@]}" \
      >"$fx/identity-$profile" 2>"$err"; then
      reason="aws sts get-caller-identity --profile $profile ${region[*]} failed: $(last_line "$err")"
      return 1
    fi
  done
  return 0
}

# A home with long-term keys in [default] and a fresh session in [mfa], for the checks of the
# session in scripts. Sets $reason on failure.
refreshed_home() {
  aws=$home/.aws
  mkdir -p "$aws"
  printf '%s\n' '[default]' 'aws_access_key_id = AKIAIOSFODNN7EXAMPLE' \
    'aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' >"$aws/credentials"
  : >"$aws/config"
  chmod 600 "$aws"/*
  if ! in_home timeout 60 "$awsmfa" --serial-number "$serial" "$code" --quiet 2>"$fx/stderr"; then
    reason="awsmfa could not refresh: $(last_line "$fx/stderr")"
    return 1
  fi
}

# The AWS CLI reads the session from `awsmfa export --format process`, as credential_process.
check_export_as_credential_process() {
  refreshed_home || return 1
  printf '%s\n' '[profile session]' \
    "credential_process = '$awsmfa_path' export --format process" 'region = us-east-1' \
    >>"$aws/config"
  if ! in_home timeout 60 aws sts get-caller-identity --profile session >"$fx/identity" \
    2>"$fx/stderr"; then
    reason="aws sts get-caller-identity --profile session failed: $(last_line "$fx/stderr")"
    return 1
  fi
}

# The AWS CLI run by awsmfa exec signs with the session, not with a profile.
check_exec_runs_the_aws_cli() {
  refreshed_home || return 1
  if ! in_home env AWS_PROFILE=default timeout 60 "$awsmfa" exec -- aws sts \
    get-caller-identity --region us-east-1 >"$fx/identity" 2>"$fx/stderr"; then
    reason="awsmfa exec -- aws sts get-caller-identity failed: $(last_line "$fx/stderr")"
    return 1
  fi
}

# The source profile's keys come from a credential_process, as from a keychain or Vault.
check_source_keys_from_credential_process() {
  aws=$home/.aws
  mkdir -p "$aws"
  printf '%s\n' '# no keys in plain text' >"$aws/credentials"
  printf '%s\n' '[profile vault]' 'region = us-east-1' \
    "credential_process = printf '{\"Version\": 1, \"AccessKeyId\": \"AKIAIOSFODNN7EXAMPLE\", \"SecretAccessKey\": \"wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\"}'" \
    >"$aws/config"
  chmod 600 "$aws"/*
  if ! in_home timeout 60 "$awsmfa" --profile vault --serial-number "$serial" "$code" \
    --quiet 2>"$fx/stderr"; then
    reason="awsmfa could not refresh: $(last_line "$fx/stderr")"
    return 1
  fi
  if ! in_home timeout 60 aws sts get-caller-identity --profile mfa >"$fx/identity" \
    2>"$fx/stderr"; then
    reason="aws sts get-caller-identity --profile mfa failed: $(last_line "$fx/stderr")"
    return 1
  fi
}

# Runs the AWS CLI as moto's administrator, for setting up IAM users and checking them.
as_admin() {
  env AWS_ACCESS_KEY_ID=testing AWS_SECRET_ACCESS_KEY=testing AWS_DEFAULT_REGION=us-east-1 \
    timeout 60 aws --endpoint-url "$endpoint" --output text "$@" </dev/null
}

# An IAM user NAME in moto with one access key in [default] and one MFA device. Sets $key_id
# and $reason.
iam_user_home() {
  local name=$1 keys
  aws=$home/.aws
  mkdir -p "$aws"
  if ! as_admin iam create-user --user-name "$name" >/dev/null 2>"$fx/stderr" ||
    ! keys=$(as_admin iam create-access-key --user-name "$name" \
      --query 'AccessKey.[AccessKeyId,SecretAccessKey]' 2>"$fx/stderr") ||
    ! as_admin iam enable-mfa-device --user-name "$name" \
      --serial-number "arn:aws:iam::123456789012:mfa/$name" --authentication-code1 123456 \
      --authentication-code2 654321 2>"$fx/stderr"; then
    reason="could not make IAM user $name in moto: $(last_line "$fx/stderr")"
    return 1
  fi
  key_id=${keys%%$'\t'*}
  printf '%s\n' '# the keys of '"$name" '[default]' "aws_access_key_id = $key_id" \
    "aws_secret_access_key = ${keys#*$'\t'}" >"$aws/credentials"
  printf '%s\n' '[default]' 'region = us-east-1' >"$aws/config"
  chmod 600 "$aws"/*
}

# awsmfa finds the only MFA device in moto's IAM and records it; the AWS CLI reads it back.
check_discovery_against_moto_iam() {
  local found
  iam_user_home finder || return 1
  if ! in_home env AWS_ENDPOINT_URL_IAM="$endpoint" timeout 60 "$awsmfa" "$code" \
    2>"$fx/stderr"; then
    reason="awsmfa could not refresh: $(last_line "$fx/stderr")"
    return 1
  fi
  found=$(in_home timeout 60 aws configure get mfa_serial --profile default 2>/dev/null) || true
  if [[ $found != arn:aws:iam::123456789012:mfa/finder ]]; then
    reason="aws configure get mfa_serial says '$found', not finder's device"
    return 1
  fi
}

# awsmfa rotate replaces the key in moto's IAM and in the file: the AWS CLI signs with the new
# key, and IAM lists it alone.
check_rotate_against_moto_iam() {
  local new listed identity
  iam_user_home rotor || return 1
  if ! in_home env AWS_ENDPOINT_URL_IAM="$endpoint" timeout 60 "$awsmfa" rotate \
    --serial-number arn:aws:iam::123456789012:mfa/rotor "$code" 2>"$fx/stderr"; then
    reason="awsmfa rotate failed: $(last_line "$fx/stderr")"
    return 1
  fi
  new=$(in_home timeout 60 aws configure get aws_access_key_id --profile default 2>/dev/null) ||
    true
  listed=$(as_admin iam list-access-keys --user-name rotor \
    --query 'AccessKeyMetadata[].AccessKeyId' 2>/dev/null) || true
  if [[ -z $new || $new == "$key_id" || $listed != "$new" ]]; then
    reason="IAM lists '$listed' for rotor, the file holds '$new', the old key was '$key_id'"
    return 1
  fi
  identity=$(in_home timeout 60 aws sts get-caller-identity --profile default --output text \
    --query Arn 2>"$fx/stderr") || true
  if [[ $identity != arn:aws:iam::123456789012:user/rotor ]]; then
    reason="aws sts get-caller-identity with the new key says '$identity'"
    return 1
  fi
  if ! head -n 1 "$aws/credentials" | grep -qx '# the keys of rotor'; then
    reason="the comment above the keys was lost"
    return 1
  fi
}

# Runs check_NAME in a home of its own, and counts it.
run_check() {
  local name=$1
  fx=$tmp/checks/$name
  home=$fx/home
  reason=
  mkdir -p "$home"
  if "check_${name//-/_}"; then
    passed=$((passed + 1))
    echo "ok   $name"
  else
    failed=$((failed + 1))
    echo "FAIL $name: $reason"
  fi
}

start_moto
echo "interop: moto_server (pid $moto_pid) is STS at $endpoint; awsmfa is $awsmfa"

passed=0
failed=0
for dir in src/test/resources/fixtures/*/; do
  [[ -d $dir ]] || continue
  dir=${dir%/}
  name=${dir##*/}
  fx=$tmp/fixtures/$name
  home=$fx/home
  mkdir -p "$home"
  if run_fixture "$dir" "$fx"; then
    passed=$((passed + 1))
    if [[ -n $note ]]; then
      echo "ok   $name ($note)"
    else
      echo "ok   $name"
    fi
  else
    failed=$((failed + 1))
    echo "FAIL $name: $reason"
  fi
done

awsmfa_path=$awsmfa
[[ $awsmfa_path == /* ]] || awsmfa_path=$PWD/$awsmfa_path
run_check export-as-credential-process
run_check source-keys-from-credential-process
run_check exec-runs-the-aws-cli
run_check discovery-against-moto-iam
run_check rotate-against-moto-iam

echo "interop: $passed passed, $failed failed"
if ((failed > 0)); then
  exit 1
fi
