#!/usr/bin/env bash
# The main job on the embedded default: installs what is missing, builds,
# starts the local BSrE service (besign-devserver --demo), logs in to its
# demo account (password + TOTP), signs the bundled sample letter with a
# visible, time-stamped PAdES B-LT signature through the account (only
# hashes leave this program; the server's TSA, OCSP and CRL serve B-LT),
# checks the result with besign-cli verify and Poppler's pdfsig, and, from
# a terminal with a display, opens the BeSign window pointed at the server.
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
"$top/build-aux/install-deps.sh"
"$top/build-aux/build.sh"
build="${BESIGN_BUILD_DIR:-$top/build}"
cli="$build/src/cli/besign-cli"

demo="$build/demo"
data="$demo/devserver"
mkdir -p "$demo/output" "$data"
# The server refuses a data folder others can read (it holds the demo CA's
# keys); this one is ours, made by an earlier run with the default umask.
chmod 700 "$data"
umask 077

"$build/src/devserver/besign-devserver" --data-dir "$data" --demo >"$demo/devserver.log" 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null || true' EXIT
for _ in $(seq 1 300); do
  if [ -s "$demo/devserver.log" ] && [ -f "$data/demo-account.json" ] \
     && [ "$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["baseUrl"])' "$data/demo-account.json")" = "$(head -n 1 "$demo/devserver.log")" ]; then
    break
  fi
  sleep 0.1
done
url=$(head -n 1 "$demo/devserver.log")
field () { python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))[sys.argv[2]])' "$data/demo-account.json" "$1"; }
# The throw-away demo account's secrets go through files, never argv.
field password >"$demo/password.txt"
field passphrase >"$demo/passphrase.txt"
sign_demo () {
  printf '%s\n' "$1" >"$demo/totp.txt"
  "$cli" sign --server "$url" --user "$(field username)" \
    --password-file "$demo/password.txt" --totp-code-file "$demo/totp.txt" \
    --passphrase-file "$demo/passphrase.txt" --tsa "$url/tsa" --level B-LT \
    --visible --page 1 --rect 330,650,220,90 \
    --reason "Menyetujui isi surat" --location "Jakarta" \
    --output-dir "$demo/output" \
    "$top/data/demo/sample.pdf" >"$demo/last-run.txt"
}

echo "== BSrE development server at $url (demo account: $data/demo-account.json) =="
# A TOTP code serves once: a run soon after the previous one takes the next
# step's code (the server accepts one step ahead), or waits for a new step.
secret=$(field totpSecret)
sign_demo "$(oathtool --totp -b "$secret")" 2>/dev/null \
  || sign_demo "$(oathtool --totp -b -N "now + 30 seconds" "$secret")" 2>/dev/null \
  || { sleep $((31 - $(date +%s) % 30)); sign_demo "$(oathtool --totp -b -N "now + 30 seconds" "$secret")"; }
cat "$demo/last-run.txt"

signed=$(sed -n 's/.* -> //p' "$demo/last-run.txt" | tail -n 1)
echo
echo "== besign-cli verify, trusting the development CA =="
"$cli" verify --trust "$data/root.pem" "$signed"
echo
echo "== pdfsig (Poppler) on the signed file =="
pdfsig "$signed" 2>/dev/null || true
echo
echo "Signed file: $signed"
echo "(pdfsig does not know the development CA, so it reports the issuer as not trusted.)"
if [ -t 0 ]; then
  echo
  echo "The development server keeps running at $url."
  # The throw-away demo secrets stay in their 0600 files, not on the screen.
  echo "Demo login: username $(field username); password in $demo/password.txt,"
  echo "passphrase in $demo/passphrase.txt; the current TOTP code is printed every 30 s in"
  echo "$demo/devserver.log."
  if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
    echo "Opening the BeSign window; close it to stop the server."
    "$build/src/app/besign" --server "$url" --tsa "$url/tsa" --trust "$data/root.pem" || true
  else
    echo "No display here for the window: try besign-cli against it (see README). Press Ctrl-C to stop."
    wait "$server"
  fi
fi
