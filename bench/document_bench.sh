#!/usr/bin/env bash
# Document upload and download throughput over HTTP on loopback, for files of
# 25 MB (the limit), beside copying the very same files on the same disk in
# the same run: `cp` (page cache only) and `cp` + fsync (what an upload does:
# BioBridge flushes each file and its directory before answering). Each file
# is distinct (no deduplication), a PDF by its first bytes, random after.
# Prints a Markdown table.
# Usage: bench/document_bench.sh [build-dir]   (FILES=8)
set -euo pipefail
BUILD=$(realpath "${1:-build}")
FILES=${FILES:-8}
SIZE=$((25 * 1024 * 1024 - 4096))
WORK=$(mktemp -d "${TMPDIR:-/tmp}/biobridge-document-bench-XXXXXX")
BIOBRIDGE_PID=
cleanup() {
  [ -n "$BIOBRIDGE_PID" ] && kill "$BIOBRIDGE_PID" 2> /dev/null || true
  wait 2> /dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

now() { date +%s%N; }
mbps() { awk -v bytes="$1" -v ns="$2" 'BEGIN { printf "%.0f MB/s", bytes / 1e6 / (ns / 1e9) }'; }

for i in $(seq 1 "$FILES"); do
  { printf '%%PDF-1.4\n'; head -c $((SIZE - 9)) /dev/urandom; } > "$WORK/file$i.pdf"
done
TOTAL=$((SIZE * FILES))

"$BUILD/biobridge" serve --db "$WORK/bench.db" --port 0 --threads 2 --demo --log-level warn > "$WORK/serve.out" 2>&1 &
BIOBRIDGE_PID=$!
for _ in $(seq 1 300); do grep -q 'listening on' "$WORK/serve.out" && break; sleep 0.1; done
URL=$(grep -o 'http://127.0.0.1:[0-9]*' "$WORK/serve.out" | head -1)
curl -fsS -c "$WORK/cookies" -H 'Content-Type: application/json' -H "Origin: $URL" \
  -d '{"email":"chen.jie@cobetter.demo.biobridge.example","password":"biobridge-demo"}' "$URL/api/auth/signin" > /dev/null
TOKEN=$(curl -fsS -b "$WORK/cookies" -H 'Content-Type: application/json' -H "Origin: $URL" -d '{"name":"bench"}' \
  "$URL/api/me/tokens" | sed -n 's/.*"token":"\([^"]*\)".*/\1/p')

# Uploads, one after another.
start=$(now)
for i in $(seq 1 "$FILES"); do
  curl -fsS -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/octet-stream' \
    --data-binary "@$WORK/file$i.pdf" "$URL/api/organizations/org-cn-cobetter/documents?name=file$i.pdf" \
    | sed -n 's/.*"content":"\([^"]*\)".*/\1/p' >> "$WORK/contents"
  echo >> "$WORK/contents"
done
upload=$(($(now) - start))
[ "$(wc -l < "$WORK/contents")" -eq "$FILES" ] || { echo "uploads failed: $(cat "$WORK/contents")" >&2; exit 1; }

# Downloads of the same files (now in the page cache, as a popular deck would be).
start=$(now)
while read -r content; do curl -fsS -H "Authorization: Bearer $TOKEN" -o /dev/null "$URL$content"; done < "$WORK/contents"
download=$(($(now) - start))

# The reference, same files, same disk.
start=$(now)
for i in $(seq 1 "$FILES"); do cp "$WORK/file$i.pdf" "$WORK/copy$i.pdf"; done
copy=$(($(now) - start))
rm -f "$WORK"/copy*.pdf
start=$(now)
for i in $(seq 1 "$FILES"); do cp "$WORK/file$i.pdf" "$WORK/copy$i.pdf"; sync "$WORK/copy$i.pdf"; done
copy_sync=$(($(now) - start))

echo "| $FILES files of 25 MB | throughput | time per file |"
echo "|---|---|---|"
echo "| upload (HTTP, type check, SHA-256, fsync) | $(mbps "$TOTAL" "$upload") | $((upload / FILES / 1000000)) ms |"
echo "| download (HTTP, checked against its SHA-256) | $(mbps "$TOTAL" "$download") | $((download / FILES / 1000000)) ms |"
echo "| cp (reference) | $(mbps "$TOTAL" "$copy") | $((copy / FILES / 1000000)) ms |"
echo "| cp + fsync (reference) | $(mbps "$TOTAL" "$copy_sync") | $((copy_sync / FILES / 1000000)) ms |"
