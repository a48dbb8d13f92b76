#!/usr/bin/env bash
# Moving an installation from SQLite to PostgreSQL, end to end with the real
# binary and the PostgreSQL cluster CTest starts: a SQLite database with the
# demo data (records, accounts, deals, a committee, an event) and a document
# with its file is migrated; every table's count is checked with psql against
# sqlite3; the directory exported from both is byte for byte the same, files
# included; a second migration into the now full database is refused; and a
# node served from PostgreSQL signs the demo people in, searches, and hands
# out the document.
# Usage: migrate_test.sh path/to/biobridge path/to/postgres-url-file
set -uo pipefail
BIN=$(realpath "$1")
SERVER=$(cat "$2")
WORK=$(mktemp -d)
DATABASE="migrate_$$_$RANDOM"
URL="${SERVER%/*}/$DATABASE"
cleanup() {
  [ -n "${PID:-}" ] && kill "$PID" 2>/dev/null && wait "$PID" 2>/dev/null
  psql -q "$SERVER" -c "DROP DATABASE IF EXISTS $DATABASE WITH (FORCE)" >/dev/null 2>&1
  rm -rf "$WORK"
}
trap cleanup EXIT
cd "$WORK"
failures=0
check() {  # check "what" command...
  local what=$1; shift
  if "$@"; then echo "ok   $what"; else echo "FAIL $what"; failures=$((failures + 1)); fi
}

# Starts `biobridge serve "$@"` on a free port; sets PID and PORT.
serve() {
  "$BIN" serve --port 0 --threads 2 --log-level warn "$@" > serve.out 2>&1 &
  PID=$!
  for _ in $(seq 1 300); do
    PORT=$(sed -n 's/.*listening on http:\/\/127.0.0.1:\([0-9]*\).*/\1/p' serve.out)
    [ -n "$PORT" ] && return 0
    sleep 0.1
  done
  echo "serve did not start:"; cat serve.out; exit 1
}
stop() { kill "$PID"; wait "$PID" 2>/dev/null; PID=; }

# --- An installation on SQLite: the demo data, and a document with its file --------
serve --db old.db --demo
stop
printf '%%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%%%EOF\nGMP scan\n' > scan.pdf
hash=$(sha256sum scan.pdf | cut -c1-64)
mkdir -p given/"${hash:0:2}" && cp scan.pdf given/"${hash:0:2}/${hash:2}"
organization=$(sqlite3 old.db "SELECT id FROM organizations ORDER BY seq LIMIT 1")
cat > attachments.jsonl <<JSONL
{"type":"certificate","id":"crt-moved","organization":"$organization","kind":"gmp_eaeu","issuer":"Roszdravnadzor","number":"GMP-0042","country":"RU","issued_on":"2025-03-01","expires_on":"2028-02-28"}
{"type":"document","id":"doc-moved","organization":"$organization","subject":{"type":"certificate","id":"crt-moved"},"name":"GMP.pdf","media_type":"application/pdf","size":$(stat -c %s scan.pdf),"sha256":"$hash","confidentiality":"public"}
JSONL
"$BIN" import --db old.db --files given attachments.jsonl 2> attach.err
check "the SQLite installation has a document with its file" grep -q "2 created" attach.err

# --- The move -----------------------------------------------------------------------
psql -q "$SERVER" -c "CREATE DATABASE $DATABASE" || exit 1
"$BIN" migrate --from sqlite:old.db --to "$URL" --files-dir shared > moved.out 2> moved.err
check "migrate exits 0" test $? -eq 0
check "it says what it moved, verified" grep -q "every count verified on both sides) and 1 files" moved.err
check "the password is never printed" bash -c "! grep -q 'postgresql://' moved.err"
mismatches=0
while read -r table rows; do
  there=$(psql -qtA "$URL" -c "SELECT COUNT(*) FROM $table")
  here=$(sqlite3 old.db "SELECT COUNT(*) FROM $table")
  if [ "$there" != "$rows" ] || [ "$here" != "$rows" ]; then echo "  $table: sqlite $here, said $rows, postgres $there"; mismatches=$((mismatches + 1)); fi
done < moved.out
check "every table's count agrees: sqlite3, the report and psql ($(wc -l < moved.out) tables)" test "$mismatches" -eq 0
for table in organizations users deals audit_log change_log delegates reviews mail_outbox certificates documents; do
  check "$table was moved with its rows" grep -Eq "^$table +[1-9]" moved.out
done

"$BIN" export --db old.db --out before.jsonl --files before_files 2> /dev/null
BIOBRIDGE_FILES_DIR=shared BIOBRIDGE_SEARCH_DIR=search "$BIN" export --db "$URL" --out after.jsonl --files after_files 2> export.err
check "the directory exported from PostgreSQL is the one exported from SQLite" cmp -s before.jsonl after.jsonl
check "with the same files" diff -r before_files after_files
check "and the document's file is the one uploaded" cmp -s scan.pdf after_files/"${hash:0:2}/${hash:2}"

"$BIN" migrate --from sqlite:old.db --to "$URL" --files-dir shared > again.out 2> again.err
check "a second move into the same database is refused" test $? -ne 0
check "saying the database has rows already" grep -q "rows in .* already: migrate into a new, empty database" again.err
"$BIN" migrate --from old.db --to "$URL" 2> noscheme.err
check "a source without sqlite: is refused clearly" grep -q "sqlite:PATH" noscheme.err

# --- Served from PostgreSQL ----------------------------------------------------------
serve --db "$URL" --search-dir search --files-dir shared
base="http://127.0.0.1:$PORT"
check "a demo person signs in with their old password" \
  curl -sf -c cookies -H 'Content-Type: application/json' "$base/api/auth/signin" \
    -d '{"email":"dmitry.sokolov@biocad.demo.biobridge.example","password":"biobridge-demo"}' -o /dev/null
check "their deals came along" bash -c "curl -sf -b cookies '$base/api/organizations/org-ru-biocad/deals' | grep -q '\"total\":[1-9]'"
check "search finds the moved records" bash -c "curl -sf '$base/api/search?q=oncology&lang=en' | grep -q '\"total\":[1-9]'"
curl -sf "$base/api/documents/doc-moved/content" -o downloaded.pdf
check "the document is handed out from the shared files" cmp -s scan.pdf downloaded.pdf
ORG_TOTAL=$(curl -sf "$base/api/organizations?per_page=1" | sed -n 's/.*"total":\([0-9]*\).*/\1/p')
check "new records are numbered after the moved ones" \
  bash -c "psql -qtA '$URL' -c \"SELECT nextval(pg_get_serial_sequence('organizations','seq')) > (SELECT MAX(seq) FROM organizations)\" | grep -qx t"
check "every organisation is listed ($ORG_TOTAL)" test "$ORG_TOTAL" -eq "$(sqlite3 old.db 'SELECT COUNT(*) FROM organizations')"
stop

[ "$failures" -eq 0 ] && echo "all migrate checks passed" || { echo "$failures failed"; exit 1; }
