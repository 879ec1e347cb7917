#!/usr/bin/env bash
# Run the Dockerfile's steps without Docker, in a clean environment, for a machine with no Docker daemon.
#
#   scripts/image_steps.sh            # reads ./Dockerfile; prints each step; exit 0 when the image would work
#   KEEP=1 scripts/image_steps.sh     # keep the temporary folder (its path is printed)
#   RAY_SPEC= scripts/image_steps.sh  # a build argument, as `docker build --build-arg RAY_SPEC=` would set it
#   TORCH_INDEX=https://pypi.org/simple \
#     PIP_EXTRA_INDEX_URL="file:///opt/pypi/simple file:///opt/pypi-more/simple" scripts/image_steps.sh
#                                     # the development machine: download.pytorch.org is out of reach, so PyPI's
#                                     # torch (the CUDA build), with the machine's local mirrors for speed
#
# The Dockerfile is read, not copied: its instructions are run in order, with these stand-ins for the container:
#   FROM python:X-slim    -> a fresh venv made with pythonX on this machine (same minor version, or it stops)
#   ARG / ENV             -> environment variables (a build argument given in the environment wins, as --build-arg)
#   WORKDIR /app          -> TMP/root/app;  $HOME -> TMP/home (empty: no torch cache, no pip cache)
#   COPY . .              -> the committed tree (git archive HEAD) minus .dockerignore's patterns
#   RUN                   -> bash -c with the venv first on PATH, in `env -i` (nothing from this shell leaks in
#                            but pip's PIP_* settings: a mirror, certificates);
#                            a RUN that creates the image's user (useradd) is skipped: it needs root and a container
#   USER                  -> noted (here everything runs as the current user)
#   CMD + HEALTHCHECK     -> the CMD is started on a free loopback port; the HEALTHCHECK command is run against it
#                            until it passes (or 180 s); then the page HTML, and every page through the classroom
#                            load tool's `single` scenario when that tool is found (CNNLAB_LOAD_TOOL or
#                            ../shared/tools/classroom_load.py).
# What it cannot show: the base image's OS packages, file ownership and the non-root user, Docker's networking.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/cnnlab-image.XXXXXX")
server=""
cleanup() {
  if [ -n "$server" ] && kill -0 "$server" 2>/dev/null; then kill -TERM "$server"; wait "$server" 2>/dev/null || true; fi
  if [ -n "${KEEP:-}" ]; then echo "image_steps: kept $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT
step() { printf '\n== %s\n' "$*"; }

# One instruction per line: comments dropped, backslash continuations joined.
awk '/^[[:space:]]*#/ {next} /^[[:space:]]*$/ && buf == "" {next}
     { line = $0; if (sub(/\\[[:space:]]*$/, "", line)) { buf = buf line " "; next } print buf line; buf = "" }' \
  Dockerfile > "$work/instructions"

mkdir -p "$work/context" "$work/root" "$work/home"
git archive --format=tar HEAD | tar -x -C "$work/context"
# .dockerignore: drop what Docker would leave out of the build context (globs relative to the context root)
( cd "$work/context" && shopt -s globstar nullglob dotglob
  while IFS= read -r pattern; do
    case "$pattern" in ''|'#'*) continue ;; esac
    for path in $pattern; do rm -rf -- "$path"; done
  done < "$repo/.dockerignore" )

declare -a build_env=("HOME=$work/home" "PATH=$work/venv/bin:/usr/local/bin:/usr/bin:/bin" "LANG=C.UTF-8")
# pip's own settings of this machine (a mirror, certificates) pass through, as a build host's network would;
# the Dockerfile's ENV and ARG come later and win.
while IFS= read -r var; do build_env+=("$var=${!var}"); done < <(compgen -e | grep '^PIP_' || true)
cwd="$work/root"
health=""
cmd=""
start=$(date +%s)
while IFS= read -r line; do
  instr=${line%%[[:space:]]*}
  rest=${line#"$instr"}; rest=${rest#"${rest%%[![:space:]]*}"}
  case "$instr" in
    FROM)
      step "FROM $rest"
      version=$(sed -n 's/^python:\([0-9]*\.[0-9]*\).*/\1/p' <<< "$rest")
      py=$(command -v "python$version" || true)
      [ -n "$py" ] || { echo "image_steps: python$version (the image's Python) is not on this machine"; exit 1; }
      "$py" -m venv "$work/venv"
      echo "a fresh venv with $("$work/venv/bin/python" --version) at $work/venv" ;;
    ARG)
      name=${rest%%=*}; value=${rest#*=}; value=${value#\"}; value=${value%\"}
      [ "$name" = "$rest" ] && value=""
      if [ -n "${!name+x}" ]; then value=${!name}; fi   # given in the environment: a --build-arg
      step "ARG $name=$value"
      build_env+=("$name=$value") ;;
    ENV)
      step "ENV $rest"
      eval "for pair in $rest; do build_env+=(\"\$pair\"); done" ;;
    WORKDIR)
      step "WORKDIR $rest"
      cwd="$work/root$rest"; mkdir -p "$cwd" ;;
    COPY)
      step "COPY $rest"
      read -r -a parts <<< "$rest"
      dest=${parts[-1]}; [ "${dest:0:1}" = "/" ] && dest="$work/root$dest" || dest="$cwd/$dest"
      for src in "${parts[@]:0:${#parts[@]}-1}"; do
        case "$src" in --*) continue ;; esac
        if [ "$src" = "." ]; then cp -a "$work/context/." "$dest"; else cp -a "$work/context/$src" "$dest"; fi
      done ;;
    RUN)
      step "RUN $rest"
      if grep -q useradd <<< "$rest"; then echo "(skipped: creating the image's user needs root and a container)"; continue; fi
      ( cd "$cwd" && env -i "${build_env[@]}" bash -euo pipefail -c "$rest" ) ;;
    USER) step "USER $rest"; echo "(here everything runs as $(id -un); the image runs as '$rest')" ;;
    EXPOSE) step "EXPOSE $rest" ;;
    HEALTHCHECK) health=${rest#*CMD }; step "HEALTHCHECK … CMD $health" ;;
    CMD) cmd=$rest; step "CMD $cmd" ;;
    *) echo "image_steps: instruction $instr is not handled here"; exit 1 ;;
  esac
done < "$work/instructions"
echo "build steps took $(( $(date +%s) - start )) s"

step "the classroom config in the image"
grep -q 'fileWatcherType = "none"' "$cwd/.streamlit/config.toml"
grep -E '^(fileWatcherType|maxUploadSize|headless)' "$cwd/.streamlit/config.toml"

step "start the CMD on a free loopback port"
port=$("$work/venv/bin/python" -c "import socket; s = socket.socket(); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1])")
mapfile -d '' argv < <("$work/venv/bin/python" -c "import json, sys; print(*json.loads(sys.argv[1]), sep='\0', end='\0')" "$cmd")
run_env=("${build_env[@]}" "STREAMLIT_SERVER_PORT=$port" "STREAMLIT_SERVER_ADDRESS=127.0.0.1")
( cd "$cwd" && exec env -i "${run_env[@]}" "${argv[@]}" ) > "$work/server.log" 2>&1 &
server=$!
echo "${argv[*]} (pid $server, port $port)"

step "HEALTHCHECK: $health"
t0=$(date +%s)
until ( cd "$cwd" && env -i "${run_env[@]}" bash -c "$health" ) 2>/dev/null; do
  if ! kill -0 "$server" 2>/dev/null; then echo "image_steps: the server exited:"; tail -20 "$work/server.log"; exit 1; fi
  if [ $(( $(date +%s) - t0 )) -gt 180 ]; then echo "image_steps: no health within 180 s"; tail -20 "$work/server.log"; exit 1; fi
  sleep 1
done
echo "healthy after $(( $(date +%s) - t0 )) s"

step "the page"
"$work/venv/bin/python" - "$port" <<'PY'
import sys, urllib.request
with urllib.request.urlopen(f"http://127.0.0.1:{sys.argv[1]}/", timeout=10) as r:
    html = r.read().decode()
assert r.status == 200 and "<title>" in html, html[:200]
print(f"GET / -> {r.status}, {len(html)} bytes of HTML")
PY

tool=${CNNLAB_LOAD_TOOL:-$repo/../shared/tools/classroom_load.py}
if [ -f "$tool" ]; then
  step "every page, cold and warm, one widget move each ($tool --scenario single)"
  env -i "${run_env[@]}" "$work/venv/bin/python" "$tool" --url "http://127.0.0.1:$port" --scenario single \
    --reruns 1 --run-timeout 120 --minutes 5 --json > "$work/pages.txt" || true
  tail -1 "$work/pages.txt"
  "$work/venv/bin/python" - "$work/pages.txt" <<'PY'
import json, sys
errors = json.loads(open(sys.argv[1]).readline())["errors"]
for sample in errors["samples"]:
    print("  ", sample)
bad = {k: errors[k] for k in ("exceptions", "timeouts", "disconnects", "client_errors") if errors[k]}
sys.exit(f"image_steps: pages failed: {bad}" if bad else 0)
PY
else
  step "pages: skipped (no classroom load tool at $tool; set CNNLAB_LOAD_TOOL)"
fi
echo
echo "image_steps: OK — the Dockerfile's steps build a working app in a clean environment"
