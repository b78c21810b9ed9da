#!/usr/bin/env bash
# A new user's first `make report`, timed: fresh clones of this repository's committed HEAD,
# each in a temporary folder, one after another in one run so the machine's load is shared.
#   cold  no uv cache at all (UV_NO_CACHE=1): every wheel is downloaded
#   warm  uv's cache already filled (by an untimed `make venv` in another clone)
#   pip   the same requirements.lock installed by pip into a plain venv, no cache: the
#         environment step only, for the ratio against uv's
# Usage: benchmarks/fresh_clone.sh   (prints a Markdown table; docs/benchmarks.md records it)
set -euo pipefail
repo=$(git -C "$(dirname "$0")/.." rev-parse --show-toplevel)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export UV_CACHE_DIR="$work/uv-cache"  # the warm run's cache, never the user's own

timed() {  # timed NAME COMMAND...: run it quietly, print its wall seconds to $work/NAME
    local name=$1 start
    shift
    start=$EPOCHREALTIME
    if ! "$@" >"$work/$name.log" 2>&1; then
        tail -20 "$work/$name.log" >&2
        exit 1
    fi
    python3 -c "print(f'{$EPOCHREALTIME - $start:.1f}')" >"$work/$name"
}

load() { cut -d' ' -f1 /proc/loadavg; }
echo "commit $(git -C "$repo" rev-parse --short HEAD), $(nproc) cores, load average $(load) at the start" >&2

git clone --quiet "$repo" "$work/cold"
UV_NO_CACHE=1 PIP_NO_CACHE_DIR=1 timed cold_venv make -C "$work/cold" venv
timed cold_report make -C "$work/cold" report

git clone --quiet "$repo" "$work/fill"
make -C "$work/fill" venv >/dev/null 2>&1  # fills $UV_CACHE_DIR, untimed
git clone --quiet "$repo" "$work/warm"
timed warm_venv make -C "$work/warm" venv
timed warm_report make -C "$work/warm" report

git clone --quiet "$repo" "$work/pip"
timed pip_venv bash -c "python3 -m venv '$work/pip/.venv' && '$work/pip/.venv/bin/pip' install \
    --quiet --no-cache-dir --disable-pip-version-check -r '$work/pip/requirements.lock'"

total() { python3 -c "print(f'{$(cat "$work/$1_venv") + $(cat "$work/$1_report"):.1f}')"; }
ratio=$(python3 -c "print(f'{$(cat "$work/pip_venv") / $(cat "$work/cold_venv"):.1f}')")
echo "load average $(load) at the end" >&2
cat <<TABLE
| fresh clone | environment (make venv) | make report after it | total |
| --- | --- | --- | --- |
| cold: uv, no cache | $(cat "$work/cold_venv") s | $(cat "$work/cold_report") s | **$(total cold) s** |
| warm: uv, cache filled | $(cat "$work/warm_venv") s | $(cat "$work/warm_report") s | $(total warm) s |
| pip, no cache (environment only) | $(cat "$work/pip_venv") s | | |

pip's environment step over uv's cold one: ${ratio}×.
TABLE
