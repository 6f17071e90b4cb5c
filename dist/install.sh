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
# Java in use (JAVA_HOME, else java on PATH), making its start-up caches now. Every file it
# installs is the installing user's own, whoever owns the files it installs from.
set -eu

jar_only=
case ${1:-} in
  --jar) jar_only=yes ;;
  '') ;;
  *) echo "usage: install.sh [--jar]" >&2 && exit 2 ;;
esac
say() { echo "install.sh: $*"; }
die() { echo "install.sh: $*" >&2 && exit 1; }
here=$(CDPATH='' cd -P -- "$(dirname -- "$0")" && pwd -P)
umask 022

if [ -x "$here/runtime/bin/java" ] && [ -f "$here/lib/awsmfa.jar" ]; then
  from=$here # an unpacked bundle
  root=
else
  root=${here%/dist}
  jar=$root/target/awsmfa.jar
  newer=
  [ -f "$jar" ] && newer=$(find "$root/pom.xml" "$root/README.md" "$root/src" "$root/dist" \
    "$root/man" -newer "$jar" -type f 2>/dev/null | head -n 1)
  if [ ! -f "$jar" ] || [ -n "$newer" ]; then
    command -v mvn >/dev/null || die "building awsmfa needs Maven (mvn) and a JDK 17 or later;" \
      "or install from an unpacked bundle with its own install.sh"
    say "building with 'mvn package'${newer:+, as $newer is newer than the jar}"
    (cd "$root" && mvn -q -B package -DskipTests)
  fi
  from=
  if [ -z "$jar_only" ]; then
    # Only a whole bundle (its tarball is made last) of this very jar.
    for stage in "$root"/target/bundle/awsmfa-*; do
      [ -f "$root/target/${stage##*/}.tar.gz" ] && cmp -s "$stage/lib/awsmfa.jar" "$jar" \
        && from=$stage
    done
  fi
fi

# Into directories of the installing user's own only: another user's could redirect the files
# through links, and root would then write, or later run, what they chose.
prefix=${PREFIX:-$HOME/.local}
mkdir -p "$prefix/bin" "$prefix/lib" "$prefix/share/man/man1" \
  "$prefix/share/bash-completion/completions" "$prefix/share/zsh/site-functions"
prefix=$(CDPATH='' cd -P -- "$prefix" && pwd -P)
for dir in "$prefix" "$prefix/bin" "$prefix/lib" "$prefix/share/man/man1" \
  "$prefix/share/bash-completion/completions" "$prefix/share/zsh/site-functions"; do
  [ -O "$dir" ] || [ -n "$(find "$dir" -prune -user 0)" ] \
    || die "$dir belongs to another user: install into a PREFIX of your own"
done

dest=$prefix/lib/awsmfa
new=$(mktemp -d "$prefix/lib/.awsmfa.XXXXXX")
trap 'rm -rf "$new"' EXIT
chmod 755 "$new"
mkdir "$new/bin" "$new/lib" "$new/reminders"
if [ -n "$from" ]; then
  say "installing the bundle $from into $dest"
  cp -R "$from/runtime" "$new/"
  cp "$from"/lib/* "$new/lib/"
  cp "$from/bin/awsmfa" "$new/bin/"
  cp "$from"/reminders/* "$new/reminders/"
  man=$from/man/awsmfa.1 completion=$from/completion source_jar=$from/lib/awsmfa.jar
else
  say "installing $root/target/awsmfa.jar into $dest"
  cp "$root/dist/awsmfa" "$new/bin/awsmfa"
  cp "$root/target/awsmfa.jar" "$new/lib/awsmfa.jar"
  cp "$root/dist/reminders/"* "$new/reminders/"
  man=$root/man/awsmfa.1 completion=$root/dist/completion source_jar=$root/target/awsmfa.jar
fi
# The bundle's caches were made for the jar's time stamp; the JVM refuses them for any other.
touch -r "$source_jar" "$new/lib/awsmfa.jar"
chmod 755 "$new/bin/awsmfa" "$new/reminders/awsmfa-reminder.sh"
chmod -R go-w "$new"

# Two renames: no moment without an awsmfa longer than between them.
old=
if [ -e "$dest" ] || [ -L "$dest" ]; then
  old=$(mktemp -d "$prefix/lib/.awsmfa-old.XXXXXX")
  mv "$dest" "$old/"
fi
mv "$new" "$dest"
[ -z "$old" ] || rm -rf "$old"
for file in "$prefix/bin/awsmfa" "$prefix/share/man/man1/awsmfa.1" \
  "$prefix/share/bash-completion/completions/awsmfa" "$prefix/share/zsh/site-functions/_awsmfa"; do
  rm -f "$file" # a link there is replaced, never followed
done
ln -s "$dest/bin/awsmfa" "$prefix/bin/awsmfa"
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
# What the launcher of earlier versions kept in the user's cache directory.
old_caches=${XDG_CACHE_HOME:-$HOME/.cache}/awsmfa
if [ -d "$old_caches" ] && [ ! -L "$old_caches" ] && [ -O "$old_caches" ]; then
  say "removing $old_caches, where earlier versions kept their start-up caches"
  rm -rf "$old_caches"
fi
version=$("$prefix/bin/awsmfa" --version)
say "installed $version as $prefix/bin/awsmfa"
# PREFIX as given (HOME may be a link) and as resolved: either, with or without a trailing /.
bin=${PREFIX:-$HOME/.local}
bin=${bin%/}/bin
case ":${PATH:-}:" in
  *":$bin:"* | *":$bin/:"* | *":$prefix/bin:"* | *":$prefix/bin/:"*) ;;
  *)
    case $bin in
      /*) ;;
      *) bin=$prefix/bin ;;
    esac
    case $bin in
      "$HOME"/*) shown="\$HOME/${bin#"$HOME"/}" ;;
      *) shown=$bin ;;
    esac
    say "$bin is not on PATH, and must be: add export PATH=\"$shown:\$PATH\" to your" \
      "shell's profile (~/.profile, ~/.bashrc or ~/.zshrc), then open a new shell"
    ;;
esac
