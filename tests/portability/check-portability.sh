#!/usr/bin/env bash
# One code base for Linux, Windows and macOS: POSIX-only headers and calls
# live in src/core/common/bs-platform.c alone (behind GLib or #ifdef
# G_OS_WIN32 there); everything else goes through GLib/GIO or that file.
# Also refused: path joins with a hard-coded "/" (g_build_filename exists).
set -uo pipefail

top=${BESIGN_SOURCE_DIR:?}
cd "$top"
allowed='src/core/common/bs-platform.c'
patterns=(
  '#include <unistd\.h>'
  '#include <sys/'
  '#include <fcntl\.h>'
  '#include <pwd\.h>'
  '#include <termios\.h>'
  '#include <dlfcn\.h>'
  '\bfork \('
  '\bfsync \('
  '\bgetuid \('
  '\bpipe \('
  '\bmkstemp \('
  '"%s/%s"'
  'g_strconcat \([^;]*"/"'
)
n=0
fail=0
for p in "${patterns[@]}"; do
  n=$((n + 1))
  hits=$(grep -rnE "$p" src --include=*.c --include=*.h | grep -v "^$allowed:" \
         | grep -v '#ifdef G_OS_UNIX' || true)
  # glib-unix.h is allowed when the include itself is guarded.
  if [ -n "$hits" ]; then
    echo "not ok $n - $p outside $allowed"
    printf '%s\n' "$hits" | sed 's/^/# /'
    fail=1
  else
    echo "ok $n - no $p outside $allowed"
  fi
done
n=$((n + 1))
unguarded=$(grep -rln '#include <glib-unix.h>' src --include=*.c | while read -r f; do
  grep -B1 '#include <glib-unix.h>' "$f" | grep -q '#ifdef G_OS_UNIX' || echo "$f"; done)
if [ -n "$unguarded" ]; then
  echo "not ok $n - glib-unix.h without #ifdef G_OS_UNIX"; printf '# %s\n' $unguarded; fail=1
else
  echo "ok $n - glib-unix.h only under #ifdef G_OS_UNIX"
fi
echo "1..$n"
exit $fail
