#!/bin/sh
# Print the path of the newest Python >= 3.12 on this machine, or explain in one line and fail.
# Order: python3.13, python3.12, python3 on PATH, then pyenv's installed versions.
ok() { "$1" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else 1)' >/dev/null 2>&1; }
ver() { "$1" -c 'import sys; print("%d%03d" % sys.version_info[:2])' 2>/dev/null; }

best=""; best_ver=0
consider() {
  if ok "$1"; then
    v=$(ver "$1")
    if [ "$v" -gt "$best_ver" ]; then best="$1"; best_ver="$v"; fi
  fi
}
for name in python3.13 python3.12 python3; do
  p=$(command -v "$name" 2>/dev/null) && consider "$p"
done
root=$(pyenv root 2>/dev/null || echo "${PYENV_ROOT:-$HOME/.pyenv}")
for p in "$root"/versions/3.*/bin/python3; do
  [ -x "$p" ] && consider "$p"
done
if [ -z "$best" ]; then
  echo "Painwise needs Python 3.12 or newer, and none was found (looked for python3.13, python3.12, python3 and pyenv's versions)." >&2
  exit 1
fi
echo "$best"
