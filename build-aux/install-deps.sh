#!/usr/bin/env bash
# Installs the Debian packages listed in build-aux/debian-packages.txt that
# are not installed yet. Uses sudo when not run as root.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
mapfile -t wanted < <(grep -Ev '^\s*(#|$)' "$here/debian-packages.txt")

missing=()
for pkg in "${wanted[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
    # virtual packages (libjpeg-dev) are satisfied by whatever provides them
    if ! dpkg-query -W -f='${Provides}\n' 2>/dev/null | tr ',' '\n' | sed 's/ (.*//; s/^ *//' | grep -qx "$pkg"; then
      missing+=("$pkg")
    fi
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#wanted[@]} packages are installed"
  exit 0
fi

sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
echo "install-deps: installing ${missing[*]}"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
