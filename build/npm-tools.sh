#!/usr/bin/env bash
# Installs the npm packages the tests run, at pinned versions, into artifacts/npm-tools/ (no root; idempotent: an
# installed pinned version is left alone, so it works offline once done). Needs node and npm (build/prerequisites.sh).
#   @cdktf/hcl2json   HashiCorp's HCL parser (hashicorp/hcl, compiled to WebAssembly): DnsFormatToolTests reads the
#                     generated Terraform files with it, as Terraform would
set -euo pipefail
cd "$(dirname "$0")/.."

prefix=artifacts/npm-tools
packages=("@cdktf/hcl2json@0.21.0")

missing=()
for package in "${packages[@]}"; do
  name="${package%@*}"
  version="${package##*@}"
  installed="$(node -p "require('./$prefix/node_modules/$name/package.json').version" 2>/dev/null || true)"
  if [ "$installed" != "$version" ]; then missing+=("$package"); fi
done

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

mkdir -p "$prefix"
npm install --prefix "$prefix" --no-save --no-audit --no-fund --loglevel=error "${missing[@]}" >&2
echo "npm-tools: installed ${missing[*]} into $prefix" >&2
