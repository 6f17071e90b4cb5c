#!/bin/sh
# Prints how long awsmfa takes to edit credentials files of 10, 1,000 and 10,000 profiles
# (parse, look up the profiles, write the session into the last one), in one JVM after a
# warm-up. The time per profile should stay flat: the edit is linear in the file's size.
set -eu
cd "$(dirname "$0")/../.."
mvn -q -B test-compile
exec java -cp target/classes:target/test-classes dev.awsmfa.ScaleBenchmark
