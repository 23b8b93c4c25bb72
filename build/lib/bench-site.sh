# Sourced by build/benchmark.sh, build/benchmark-serving.sh and build/benchmark-receiver.sh: the packages the sites take
# and the folder they live in, outside the repository. Uses the caller's repo_root, work, logs, feed, version and log.

# pack_unless_given LABEL: without --feed, packs every package into $work/feed with a version of its own
# (0.1.0-LABEL.<UTC time>, so no package cache hands back an older copy) and sets feed and version.
pack_unless_given() {
  [ -z "$feed" ] || return 0
  feed="$work/feed"
  version="0.1.0-$1.$(date -u +%Y%m%d%H%M%S)"
  log "packing the packages, version $version"
  "$repo_root/build/pack.sh" --version "$version" --output "$feed" > "$logs/pack.log" 2>&1 \
    || { cat "$logs/pack.log" >&2; exit 1; }
}

# isolate_site_folder: the repository's SDK (global.json) and empty Directory.Build.props/.targets in $work, so the
# sites below it see nothing of the repository, as a user's site would not.
isolate_site_folder() {
  cp "$repo_root/global.json" "$work/global.json"
  printf '<Project>\n  <!-- Stops the search for Directory.Build.* here. -->\n</Project>\n' > "$work/Directory.Build.props"
  cp "$work/Directory.Build.props" "$work/Directory.Build.targets"
}
