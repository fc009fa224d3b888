#!/usr/bin/env bash
# Storage benchmark driver: prints point reads, range scans and write transactions per second for each
# KeyValueStore provider, and blob put/get throughput for each BlobStore provider, on this machine.
# Needs a prior `mvn install -DskipTests` and Debian's postgresql package.
set -euo pipefail
cd "$(dirname "$0")/.."
exec mvn -B -ntp -q test-compile exec:java -Dexec.classpathScope=test \
    -Dexec.mainClass=dev.hermod.itests.bench.StorageBenchmarks
