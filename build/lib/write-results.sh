# Sourced by build/benchmark.sh, build/benchmark-serving.sh and build/benchmark-receiver.sh: puts a benchmark's results into a markdown file.
#
# write_results FILE MARKER TEXT SCRIPT: TEXT, dated, between FILE's "<!-- MARKER:begin (SCRIPT --write replaces this
# block) -->" and "<!-- MARKER:end -->" lines, replacing what was there (appended with the markers if FILE has none).
write_results() {
  local file="$1" marker="$2" text="$3" script="$4" begin end block
  begin="<!-- $marker:begin ($script --write replaces this block) -->"
  end="<!-- $marker:end -->"
  block="$(printf '%s\n_Measured %s._\n\n%s\n%s' "$begin" "$(date -u '+%Y-%m-%d %H:%M UTC')" "$text" "$end")"
  if [ -f "$file" ] && grep -qF "$begin" "$file"; then
    BLOCK="$block" awk -v begin="$begin" -v end="$end" '
      index($0, begin) == 1 { print ENVIRON["BLOCK"]; skipping = 1; next }
      skipping && index($0, end) == 1 { skipping = 0; next }
      !skipping { print }' "$file" > "$file.tmp"
    mv "$file.tmp" "$file"
  else
    printf '\n%s\n' "$block" >> "$file"
  fi
  echo "$script: wrote the results into $file" >&2
}
