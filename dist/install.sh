#!/bin/sh
# Installs awsmfa for the current user (or, with PREFIX=/usr/local, as root for everyone):
#   PREFIX/lib/awsmfa/      bin/awsmfa (the launcher), lib/awsmfa.jar and its start-up caches,
#                           runtime/ (the bundle's Java), reminders/
#   PREFIX/bin/awsmfa       a link to the launcher
#   PREFIX/share/man/man1/awsmfa.1, PREFIX/share/bash-completion/completions/awsmfa,
#   PREFIX/share/zsh/site-functions/_awsmfa
# PREFIX is $PREFIX, else ~/.local. Run from an unpacked bundle, it installs that bundle. Run
# from a source tree, it builds first when the jar is missing or older than the sources, then
# installs the bundle the build made, or, without one or with --jar, the jar alone for the
# Java in use (JAVA_HOME, else java on PATH), making its start-up caches now.
set -eu

jar_only=
case ${1:-} in
  --jar) jar_only=yes ;;
  '') ;;
  *) echo "usage: install.sh [--jar]" >&2 && exit 2 ;;
esac
say() { echo "install.sh: $*"; }
here=$(CDPATH='' cd -- "$(dirname -- "$0")" && pwd -P)
prefix=${PREFIX:-$HOME/.local}
umask 022

if [ -x "$here/runtime/bin/java" ] && [ -f "$here/lib/awsmfa.jar" ]; then
  from=$here # an unpacked bundle
  root=
else
  root=${here%/dist}
  jar=$root/target/awsmfa.jar
  newer=
  [ -f "$jar" ] && newer=$(find "$root/pom.xml" "$root/src/main" "$root/dist" -newer "$jar" \
    -type f 2>/dev/null | head -n 1)
  if [ ! -f "$jar" ] || [ -n "$newer" ]; then
    say "building with 'mvn package'${newer:+, as $newer is newer than the jar}"
    (cd "$root" && mvn -q -B package -DskipTests)
  fi
  from=
  if [ -z "$jar_only" ]; then
    for stage in "$root"/target/bundle/awsmfa-*; do
      [ -x "$stage/runtime/bin/java" ] && from=$stage
    done
  fi
fi

dest=$prefix/lib/awsmfa
new=$dest.new.$$
trap 'rm -rf "$new"' EXIT
rm -rf "$new"
if [ -n "$from" ]; then
  say "installing the bundle $from into $dest"
  mkdir -p "$new"
  # -p keeps the jar's time stamp, which its caches were made for.
  cp -pR "$from/bin" "$from/lib" "$from/runtime" "$from/reminders" "$new/"
  man=$from/man/awsmfa.1 completion=$from/completion
else
  say "installing $root/target/awsmfa.jar into $dest"
  mkdir -p "$new/bin" "$new/lib" "$new/reminders"
  cp "$root/dist/awsmfa" "$new/bin/awsmfa"
  cp -p "$root/target/awsmfa.jar" "$new/lib/awsmfa.jar"
  cp "$root/dist/reminders/"* "$new/reminders/"
  man=$root/man/awsmfa.1 completion=$root/dist/completion
fi
chmod 755 "$new/bin/awsmfa" "$new/reminders/awsmfa-reminder.sh"
mkdir -p "$prefix/bin" "$prefix/share/man/man1" "$prefix/share/bash-completion/completions" \
  "$prefix/share/zsh/site-functions"
rm -rf "$dest"
mv "$new" "$dest"
ln -sf "$dest/bin/awsmfa" "$prefix/bin/awsmfa"
cp "$man" "$prefix/share/man/man1/awsmfa.1"
cp "$completion/awsmfa.bash" "$prefix/share/bash-completion/completions/awsmfa"
cp "$completion/_awsmfa" "$prefix/share/zsh/site-functions/_awsmfa"

if [ -z "$from" ] && [ "${AWSMFA_CACHE:-on}" != off ]; then
  java=${JAVA_HOME:+$JAVA_HOME/bin/java}
  java=${java:-$(command -v java || echo java)}
  java_home=$(readlink -f -- "$java" 2>/dev/null || echo "$java")
  java_home=${java_home%/bin/java}
  say "making the start-up caches for the Java in $java_home (about 20 seconds)"
  STANDIN_JAVA=$java_home/bin/java sh "$root/src/build/train.sh" "$java_home" \
    "$dest/bin/awsmfa" "$root/target/test-classes" \
    || say "no start-up caches: awsmfa works, only slower to start"
fi
say "installed $("$prefix/bin/awsmfa" --version) as $prefix/bin/awsmfa (add $prefix/bin to" \
  "PATH if it is not there)"
