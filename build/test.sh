#!/usr/bin/env bash
# Runs every test: unit tests, MSBuild task tests, CLI tests, end-to-end package tests (real dotnet build/publish
# from a local feed), the web generator in a real browser, and the interop run against Knot DNS and mta-sts-query.
# Installs the system packages it needs first (build/prerequisites.sh).
set -euo pipefail
cd "$(dirname "$0")/.."

./build/prerequisites.sh

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
# Test builds must not leave MSBuild nodes holding freshly built task assemblies.
export MSBUILDDISABLENODEREUSE=1

dotnet restore MtaSts.Build.sln
dotnet build MtaSts.Build.sln --no-restore -c Release
# One test assembly at a time: the end-to-end and interop suites run real builds and servers and need both cores.
dotnet test MtaSts.Build.sln --no-build -c Release -m:1 "$@"
