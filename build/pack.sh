#!/usr/bin/env bash
# Packs the shippable packages in Release into a local feed folder, the way a release would:
#   MtaSts.Build      (the MSBuild task package, src/MtaSts.Build)
#   MtaSts.AspNetCore (the runtime library, src/MtaSts.AspNetCore), which depends on the MtaSts.Build just packed
#   MtaSts            (the core library, src/MtaSts), which the libraries below depend on
#   MtaSts.Reporting  (the TLS-RPT report reader, src/MtaSts.Reporting; no MIME)
#   MtaSts.AspNetCore.TlsRpt (the site's report receiver), on MtaSts.AspNetCore and MtaSts.Reporting of the same version
#   MtaSts.Checking   (the live check, src/MtaSts.Checking: DnsClient, MailKit)
#   MtaSts.AspNetCore.HealthChecks (the health check), on MtaSts.AspNetCore and MtaSts.Checking of the same version
#   MtaSts.Cli   (the `mta-sts` .NET tool, src/MtaSts.Cli), when that project exists and is packable.
#
# usage: build/pack.sh [--version V] [--output DIR]
#   --version V   package version; default 0.1.0-dev.<UTC yyyyMMddHHmmss>, unique per run so a consumer's
#                 global packages folder can never hand back a stale copy of the same version
#   --output DIR  the feed folder (created if missing); default artifacts/feed/
#
# Prints the version and the path of every package written. The end-to-end tests call it with their own
# version and a temporary feed (tests/MtaSts.EndToEnd.Tests).
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
version="0.1.0-dev.$(date -u +%Y%m%d%H%M%S)"
output="$repo_root/artifacts/feed"

usage() {
  sed -n '2,14p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
}

while [ $# -gt 0 ]; do
  case "$1" in
    --version)
      [ $# -ge 2 ] || { echo "pack: --version needs a value" >&2; exit 2; }
      version="$2"
      shift 2
      ;;
    --output)
      [ $# -ge 2 ] || { echo "pack: --output needs a value" >&2; exit 2; }
      output="$2"
      shift 2
      ;;
    -h|--help)
      usage
      exit 0
      ;;
    *)
      echo "pack: unknown argument '$1'" >&2
      usage >&2
      exit 2
      ;;
  esac
done

mkdir -p "$output"
output="$(cd "$output" && pwd)"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
# The packed task assemblies must not stay loaded in a long-lived MSBuild node.
export MSBUILDDISABLENODEREUSE=1

# One project a line, dependencies before their dependents; all get the same version.
projects=(
  "$repo_root/src/MtaSts.Build/MtaSts.Build.csproj"
  "$repo_root/src/MtaSts.AspNetCore/MtaSts.AspNetCore.csproj"
  "$repo_root/src/MtaSts/MtaSts.csproj"
  "$repo_root/src/MtaSts.Reporting/MtaSts.Reporting.csproj"
  "$repo_root/src/MtaSts.AspNetCore.TlsRpt/MtaSts.AspNetCore.TlsRpt.csproj"
  "$repo_root/src/MtaSts.Checking/MtaSts.Checking.csproj"
  "$repo_root/src/MtaSts.AspNetCore.HealthChecks/MtaSts.AspNetCore.HealthChecks.csproj"
)
cli_project="$repo_root/src/MtaSts.Cli/MtaSts.Cli.csproj"
if [ -f "$cli_project" ]; then
  if [ "$(dotnet msbuild "$cli_project" -getProperty:IsPackable -nologo 2>/dev/null | tr -d '[:space:]')" = "true" ]; then
    projects+=("$cli_project")
  else
    echo "pack: skipping src/MtaSts.Cli (not packable yet)"
  fi
fi

if [ ! -f "${projects[0]}" ]; then
  echo "pack: ${projects[0]#"$repo_root"/} does not exist" >&2
  exit 1
fi

echo "pack: version $version"
for project in "${projects[@]}"; do
  # Version (not only PackageVersion): the task and CLI assemblies then carry the version they ship under.
  # MtaSts.AspNetCore's dependency on MtaSts.Build of the same version comes from this feed (its project file says why).
  dotnet pack "$project" -c Release -o "$output" -p:Version="$version" -nodeReuse:false -tl:off -v:minimal -nologo \
    -p:MtaStsPackWithBuildPackage=true -p:RestoreAdditionalProjectSources="$output"
done

echo "pack: feed $output"
found=0
for nupkg in "$output"/*."$version".nupkg; do
  [ -e "$nupkg" ] || continue
  echo "pack: $nupkg"
  found=1
done
if [ "$found" -eq 0 ]; then
  echo "pack: no package with version $version was written to $output" >&2
  exit 1
fi
