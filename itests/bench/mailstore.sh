#!/usr/bin/env bash
# Mail store benchmark driver: fills one account with realistic messages (default 100,000; pass a smaller
# count for a quick run) on the embedded defaults and prints appends/s, open-mailbox time, time to fetch
# all summaries, flag updates/s, search times and bytes on disk per message. Needs `mvn install -DskipTests`.
set -euo pipefail
cd "$(dirname "$0")/.."
exec mvn -B -ntp -q test-compile exec:java -Dexec.classpathScope=test \
    -Dexec.mainClass=dev.hermod.itests.bench.MailStoreBenchmark -Dexec.args="${1:-100000}"
