#!/usr/bin/env bash
# Installs the npm packages the tests run, at pinned versions, into artifacts/npm-tools/ (no root; idempotent: an
# installed pinned version is left alone, so it works offline once done). Needs node and npm (build/prerequisites.sh).
#   @cdktf/hcl2json   HashiCorp's HCL parser (hashicorp/hcl, compiled to WebAssembly): DnsFormatToolTests reads the
#                     generated Terraform files with it, as Terraform would
#   @cdktf/provider-azurerm, -aws, -cloudflare
#                     the prebuilt CDK for Terraform bindings, generated from each provider's own schema (azurerm 4.55,
#                     aws 6.25, cloudflare 5.14): the tests check the generated files' resource types, attribute names,
#                     required attributes and referenced attributes against them. Only the folders of the resources and
#                     data sources the files use are kept (artifacts/npm-tools/provider-schemas/), not the whole packages
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

if [ ${#missing[@]} -gt 0 ]; then
  mkdir -p "$prefix"
  npm install --prefix "$prefix" --no-save --no-audit --no-fund --loglevel=error "${missing[@]}" >&2
  echo "npm-tools: installed ${missing[*]} into $prefix" >&2
fi

schemas="$prefix/provider-schemas"
declare -A folders=(
  ["@cdktf/provider-azurerm@14.23.1"]="dns-txt-record dns-cname-record data-azurerm-dns-zone"
  ["@cdktf/provider-aws@21.22.1"]="route53-record data-aws-route53-zone"
  ["@cdktf/provider-cloudflare@13.9.1"]="dns-record data-cloudflare-zone"
)
for spec in "${!folders[@]}"; do
  name="${spec%@*}"
  version="${spec##*@}"
  destination="$schemas/$name"
  kept=true
  for folder in ${folders[$spec]}; do [ -d "$destination/lib/$folder" ] || kept=false; done
  if [ "$kept" = true ] && [ "$(node -p "require('./$destination/package.json').version" 2>/dev/null || true)" = "$version" ]; then continue; fi
  work="$(mktemp -d)"
  npm pack --pack-destination "$work" --silent --loglevel=error "$spec" >/dev/null
  mkdir -p "$work/package"
  paths=(package/package.json)
  for folder in ${folders[$spec]}; do paths+=("package/lib/$folder"); done
  tar -xzf "$work"/*.tgz -C "$work" "${paths[@]}"
  rm -rf "$destination"
  mkdir -p "$(dirname "$destination")"
  mv "$work/package" "$destination"
  rm -rf "$work"
  echo "npm-tools: kept ${folders[$spec]} of $spec in $destination" >&2
done
