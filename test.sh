#!/usr/bin/env bash
# Builds everything and runs every test: unit tests, Pax Exam tests (native Felix and the Karaf
# distribution) and the launcher tests of the real distribution.
set -euo pipefail
cd "$(dirname "$0")"
exec mvn -B -ntp clean verify "$@"
