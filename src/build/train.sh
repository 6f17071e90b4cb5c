#!/bin/sh
# Makes awsmfa's start-up caches for one Java runtime, beside the jar that the launcher runs:
#   train.sh JAVA_HOME LAUNCHER TEST_CLASSES
# one cache for each kind of run (a refresh, a refresh that --min-remaining skips, status,
# --help), each made from that very run through the launcher itself, so with its flags: an AOT
# cache on JDK 24 and later, a static CDS archive on JDK 17 to 23. The refresh calls the STS
# stand-in from the compiled test sources (run by the java on PATH, or $STANDIN_JAVA) over TLS,
# in a throwaway home with made-up keys: nothing of the user's is read, written or spent.
# A cache is kept only once a JVM has started from it, so a full disk leaves none rather than a
# broken one. Used by the bundle's build and by install.sh; prints one line per cache.
set -eu

java_home=$1
launcher=$2
classes=$3
lib=$(CDPATH='' cd -- "$(dirname -- "$launcher")/../lib" && pwd -P)
version=$(sed -n 's/^JAVA_VERSION="\([0-9.]*\).*/\1/p' "$java_home/release")
major=${version%%.*}
[ -n "$major" ] || { echo "train.sh: no JAVA_VERSION in $java_home/release" >&2; exit 1; }

root=$(CDPATH='' cd -- "$(dirname -- "$0")/../.." && pwd -P)
# shellcheck source=src/build/standin.sh
. "$root/src/build/standin.sh"
start_standin "${STANDIN_JAVA:-java}" "$classes"

# Caches of an earlier install go: the launcher would hand them to the training runs.
rm -f "$lib"/awsmfa-*.aot "$lib"/awsmfa-*.jsa

umask 077
home=$work/home
mkdir -p "$home/.aws"
cat > "$home/.aws/credentials" <<'INI'
[default]
aws_access_key_id = AKIAIOSFODNN7EXAMPLE
aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY

[mfa]
aws_access_key_id = ASIAIOSFODNN7EXAMPLE
aws_secret_access_key = training
aws_session_token = training
aws_credential_expiration = 2999-01-01T00:00:00Z
INI
# A config as users have them, with named profiles: reading a "[profile NAME]" header takes
# classes that a config of [default] alone never loads, and the caches hold only what ran.
cat > "$home/.aws/config" <<'INI'
# training
[default]
region = us-east-1
mfa_serial = arn:aws:iam::123456789012:mfa/alice

[profile mfa]
region = us-east-1

[profile admin]
role_arn = arn:aws:iam::123456789012:role/admin
source_profile = mfa
INI
umask 022

# The launcher as a user runs it, in a bare environment, with JVM options of the training's own;
# what it prints is kept for a failure's message.
run() {
  options=$1
  shift
  env -i HOME="$home" PATH="$PATH" JAVA_HOME="$java_home" AWS_ENDPOINT_URL_STS="$endpoint" \
    AWS_CA_BUNDLE="$ca/ca.pem" JDK_JAVA_OPTIONS="$options" "$launcher" "$@" \
    >> "$work/training.log" 2>&1
}

# A failed training run would still leave a cache, of fewer classes, that nothing would notice.
untrained() {
  echo "train.sh: the training run 'awsmfa $*' failed with Java $version:" >&2
  tail -n 5 "$work/training.log" >&2
  exit 1
}

for kind in refresh skip status help; do
  case $kind in
    refresh) set -- 123456 ;;
    skip) set -- --min-remaining 1h ;;
    status) set -- status ;;
    help) set -- --help ;;
  esac
  cache=$lib/awsmfa-$version-$kind
  new=$work/$kind
  if [ "$major" -ge 24 ]; then
    cache=$cache.aot
    run "-XX:AOTMode=record -XX:AOTConfiguration=$new.conf" "$@" || untrained "$@"
    run "-XX:AOTMode=create -XX:AOTConfiguration=$new.conf -XX:AOTCache=$new" --version || :
    check="-XX:AOTCache=$new -XX:AOTMode=on"
  else
    cache=$cache.jsa
    run "-XX:DumpLoadedClassList=$new.classes" "$@" || untrained "$@"
    run "-Xshare:dump -XX:SharedClassListFile=$new.classes -XX:SharedArchiveFile=$new" \
      --version || :
    check="-XX:SharedArchiveFile=$new -Xshare:on"
  fi
  if run "$check" --version; then
    cp "$new" "$cache.partial" || { rm -f "$cache.partial"; exit 1; }
    mv -f "$cache.partial" "$cache"
    echo "train.sh: made ${cache##*/} ($(($(wc -c < "$cache") / 1048576)) MiB)"
  else
    echo "train.sh: could not make a start-up cache for '$*' with Java $version:" >&2
    tail -n 5 "$work/training.log" >&2
    exit 1
  fi
done
