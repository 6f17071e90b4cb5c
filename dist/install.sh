#!/bin/sh
# Installs awsmfa for the current user, from a source tree, building the jar first when it is
# missing or older than the sources (as after a git pull):
#   PREFIX/lib/awsmfa/       awsmfa.jar, the launcher, reminders/
#   PREFIX/bin/awsmfa        a link to the launcher
#   PREFIX/share/man/man1/   awsmfa.1
#   PREFIX/share/bash-completion/completions/awsmfa, PREFIX/share/zsh/site-functions/_awsmfa
# PREFIX is $PREFIX, else ~/.local. Then it makes the start-up caches for the Java in use (a
# training run against a throwaway STS on loopback, TLS included), so that the first real run is
# as fast as the later ones.
set -eu

root=$(CDPATH='' cd -- "$(dirname -- "$0")/.." && pwd -P)
prefix=${PREFIX:-$HOME/.local}

jar=$root/target/awsmfa.jar
newer=
if [ -f "$jar" ]; then
  newer=$(find "$root/pom.xml" "$root/src/main" -newer "$jar" 2>/dev/null | head -n 1)
fi
if [ ! -f "$jar" ] || [ -n "$newer" ]; then
  echo "install.sh: building $jar (mvn package)${newer:+, as $newer is newer}"
  (cd "$root" && mvn -q -B package -DskipTests)
fi

lib=$prefix/lib/awsmfa
echo "install.sh: installing $jar into $lib, the command into $prefix/bin"
install -d "$lib/reminders" "$prefix/bin" "$prefix/share/man/man1" \
  "$prefix/share/bash-completion/completions" "$prefix/share/zsh/site-functions"
install -m 644 "$jar" "$lib/awsmfa.jar"
rm -f "$lib/awsmfa.jar.cksum" # the launcher's note of the old jar's checksum
install -m 755 "$root/dist/awsmfa" "$lib/awsmfa"
install -m 755 "$root/dist/reminders/awsmfa-reminder.sh" "$lib/reminders/"
for file in dev.awsmfa.reminder.plist awsmfa-reminder.service awsmfa-reminder.timer crontab; do
  install -m 644 "$root/dist/reminders/$file" "$lib/reminders/"
done
install -m 644 "$root/man/awsmfa.1" "$prefix/share/man/man1/awsmfa.1"
install -m 644 "$root/dist/completion/awsmfa.bash" \
  "$prefix/share/bash-completion/completions/awsmfa"
install -m 644 "$root/dist/completion/_awsmfa" "$prefix/share/zsh/site-functions/_awsmfa"
ln -sf "$lib/awsmfa" "$prefix/bin/awsmfa"

# The launcher makes the caches after a first run; wait for them here instead. Old ones go
# first: the JVM refuses a cache once the jar's time stamp has changed, as it just did.
cache_dir=${XDG_CACHE_HOME:-$HOME/.cache}/awsmfa
rm -rf "$cache_dir"/awsmfa-*
printf 'install.sh: installed '
"$prefix/bin/awsmfa" --version
[ "${AWSMFA_CACHE:-on}" = off ] || echo "install.sh: making the start-up caches"

tries=0
while [ "${AWSMFA_CACHE:-on}" != off ]; do
  made=0
  failed=
  # shellcheck disable=SC3013 # -nt: dash, bash, zsh and busybox sh all have it
  for file in "$cache_dir"/awsmfa-*; do
    [ "$file" -nt "$lib/awsmfa.jar" ] || continue # only what this jar's training made
    case $file in
      *.jsa | *.aot) made=$((made + 1)) ;;
      *.failed) failed=yes ;;
    esac
  done
  [ "$made" -ge 4 ] && break # refresh, skip, status and help
  tries=$((tries + 1))
  if [ -n "$failed" ] || [ "$tries" -gt 900 ]; then
    echo "install.sh: no start-up cache yet; awsmfa works, only slower, and tries again later" >&2
    break
  fi
  sleep 0.1
done
echo "installed: $prefix/bin/awsmfa (add $prefix/bin to PATH if it is not there)"
