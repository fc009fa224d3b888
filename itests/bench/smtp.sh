#!/usr/bin/env bash
# SMTP delivery benchmark driver: N concurrent senders x M messages of 10 KB to N local users (defaults 8 and
# 500), each sender on one persistent connection; prints accepted messages/s, p50/p99 latency (MAIL FROM to the
# 250 after DATA) and stored messages/s for Hermod in-process (SQLite + file-system blobs) and for a private
# Postfix handing the same load to a private Dovecot over LMTP. Needs `mvn install -DskipTests`, root (Postfix)
# and Debian's postfix, dovecot-core and dovecot-lmtpd (see .ci/run).
set -euo pipefail
cd "$(dirname "$0")/.."
exec mvn -B -ntp -q ${MVN_OPTS_OFFLINE:-} test-compile exec:java -Dexec.classpathScope=test \
    -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
    -Dexec.mainClass=dev.hermod.itests.bench.SmtpBenchmark -Dexec.args="${1:-8} ${2:-500}"
