#!/bin/sh
# Builds the self-contained bundle, target/awsmfa-VERSION-OS-ARCH.tar.gz, which runs where no Java
# is installed:
#   bin/awsmfa          the launcher
#   runtime/            a Java runtime made by jlink with only the modules awsmfa needs
#   lib/awsmfa.jar      and its start-up caches, made here for that runtime (see train.sh)
#   man/, completion/, reminders/, install.sh, README.md
#   bundle.sh VERSION TEST_CLASSES
# It needs a JDK 24 or later: $BUNDLE_JDK, else $JAVA_HOME, else one under /usr/lib/jvm or
# /Library/Java/JavaVirtualMachines. Without one it says so and builds nothing; the jar stands.
set -eu

version=$1
classes=$2
root=$(CDPATH='' cd -- "$(dirname -- "$0")/../.." && pwd -P)
# An old bundle goes first, so that none is left to stand for this jar.
rm -rf "$root/target/bundle" "$root"/target/awsmfa-*.tar.gz

major() {
  sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$1/release" 2>/dev/null
}
jdk=
for candidate in "${BUNDLE_JDK:-}" "${JAVA_HOME:-}" /usr/lib/jvm/* \
  /Library/Java/JavaVirtualMachines/*/Contents/Home; do
  if [ -x "$candidate/bin/jlink" ] && [ "$(major "$candidate")" -ge 24 ] 2>/dev/null; then
    jdk=$candidate
    break
  fi
done
if [ -z "$jdk" ]; then
  echo "bundle.sh: no bundle: it needs a JDK 24 or later (set BUNDLE_JDK to one); the jar is" \
    "built all the same"
  exit 0
fi

if [ ! -f "$classes/dev/awsmfa/sts/StsStandIn.class" ]; then
  echo "bundle.sh: no bundle: its training needs the compiled test sources (the STS stand-in in" \
    "$classes), which -Dmaven.test.skip leaves out; -DskipTests keeps them"
  exit 0
fi

case $(uname -s) in
  Linux) os=linux ;;
  Darwin) os=macos ;;
  *) os=$(uname -s | tr '[:upper:]' '[:lower:]') ;;
esac
case $(uname -m) in
  x86_64 | amd64) arch=x64 ;;
  arm64 | aarch64) arch=aarch64 ;;
  *) arch=$(uname -m) ;;
esac
name=awsmfa-$version-$os-$arch
stage=$root/target/bundle/$name
echo "bundle.sh: building target/$name.tar.gz with the JDK in $jdk"
umask 022
mkdir -p "$stage/bin" "$stage/lib" "$stage/man" "$stage/completion" "$stage/reminders"

# java.xml reads STS's answers; jdk.security.auth names the user where /proc is missing (macOS);
# jdk.charsets reads file names in a legacy locale's character set.
"$jdk/bin/jlink" --add-modules java.base,java.xml,jdk.security.auth,jdk.charsets \
  --strip-debug --no-header-files --no-man-pages --output "$stage/runtime"

cp -p "$root/target/awsmfa.jar" "$stage/lib/awsmfa.jar"
cp "$root/dist/awsmfa" "$stage/bin/awsmfa"
cp "$root/dist/install.sh" "$root/README.md" "$stage/"
cp "$root/man/awsmfa.1" "$stage/man/"
cp "$root/dist/completion/awsmfa.bash" "$root/dist/completion/_awsmfa" "$stage/completion/"
cp "$root/dist/reminders/"* "$stage/reminders/"
chmod 755 "$stage/bin/awsmfa" "$stage/install.sh" "$stage/reminders/awsmfa-reminder.sh"

# The certificate authority of the tests' shared stand-ins (see TestCa.shared), one a day.
STANDIN_CA=${STANDIN_CA:-$root/target/test-ca/$(($(date -u +%s) / 86400))-main} \
STANDIN_JAVA=${STANDIN_JAVA:-$jdk/bin/java} \
  sh "$root/src/build/train.sh" "$stage/runtime" "$stage/bin/awsmfa" "$classes"

# The files belong to whoever unpacks them.
if tar --version 2>/dev/null | grep -q GNU; then
  owner="--owner=0 --group=0 --numeric-owner"
else
  owner="--uid 0 --gid 0"
fi
# shellcheck disable=SC2086 # the options are words by design
tar -C "$root/target/bundle" $owner -czf "$root/target/$name.tar.gz" "$name"
echo "bundle.sh: built target/$name.tar.gz ($(($(wc -c < "$root/target/$name.tar.gz") / 1048576)) MiB;" \
  "$(du -sk "$stage" | cut -f1 | awk '{printf "%d", $1 / 1024}') MiB unpacked)"
