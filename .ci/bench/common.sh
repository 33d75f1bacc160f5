# Sourced by the benchmark scripts (from the repository root): the release binary as BIN and,
# with `rush`, the load generator built and named RUSH.
target_dir="$(cargo metadata --format-version 1 --no-deps | python3 -c 'import json,sys; print(json.load(sys.stdin)["target_directory"])')"
BIN="$target_dir/release/ecpa"
[ -x "$BIN" ] || { echo "build first: cargo leptos build --release" >&2; exit 1; }
if [ "${1:-}" = rush ]; then
  cargo build --release -p server --example deadline_rush --features ssr >&2
  RUSH="$target_dir/release/examples/deadline_rush"
fi
