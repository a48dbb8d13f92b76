#!/usr/bin/env bash
# End-to-end tests of the biobridge command line: import (JSON Lines and ROR
# CSV), export, the import/export round trip, reindex, match and exit codes.
# Usage: cli_test.sh path/to/biobridge
set -uo pipefail
BIN=$(realpath "$1")
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
cd "$WORK"
failures=0

check() {  # check "what" command...
  local what=$1; shift
  if "$@"; then echo "ok   $what"; else echo "FAIL $what"; failures=$((failures + 1)); fi
}

# --- version: the program's, and the system tzdata's -------------------------
"$BIN" version > version.out
check "version names the tzdata it reads" grep -qx "tzdata $(sed -n 's/^# version //p' /usr/share/zoneinfo/tzdata.zi) (the system's, for every time zone)" version.out

# --- A JSON Lines file with a bad line in the middle ---------------------------
cat > good_and_bad.jsonl <<'JSONL'
{"type":"organization","id":"org-a","name":{"en":"Alpha Biotech","zh":"阿尔法生物","ru":"Альфа Биотех"},"kind":"company","country":"RU","city":{"ru":"Казань"}}
{"type":"organization","id":"org-b","name":{"zh":"贝塔医疗器械"},"kind":"company","country":"CN","certifications":[{"name":"ISO 13485","expires":"2028-01-01"}]}
{"type":"organization","id":"org-bad","name":{"en":"Nowhere"},"kind":"company","country":"XX"}
{"type":"opportunity","id":"opp-1","organization":"org-b","direction":"request","cooperation":["distribution"],"title":{"zh":"寻找俄罗斯经销商","ru":"Ищем дистрибьютора в России"},"target_countries":["RU"],"confidentiality":"public"}
JSONL

"$BIN" import --db db1.sqlite good_and_bad.jsonl > import.out 2> import.err
code=$?
check "import with a bad line exits 1" test "$code" -eq 1
check "the bad line is reported with its number and reason" grep -q "line 3 (id org-bad): country: unknown country code 'XX'" import.err
check "the summary counts created and refused records" grep -q "3 created, 0 updated, 0 unchanged, 1 refused" import.err
check "no progress bar when stderr is not a terminal" bash -c "! grep -q $'\r' import.err"

"$BIN" export --db db1.sqlite > export.jsonl 2> export.err
check "export exits 0" test $? -eq 0
grep -v org-bad good_and_bad.jsonl > expected.jsonl
check "import then export gives back the same records" cmp -s expected.jsonl export.jsonl

"$BIN" export --db db1.sqlite --out exported.jsonl 2> /dev/null
check "export --out writes the file" cmp -s expected.jsonl exported.jsonl
check "export --out leaves no partial file" test ! -e exported.jsonl.partial
# A pipe (as /dev/null or /dev/stdout) is written into, never replaced by a file.
mkfifo export.fifo
timeout 20 cat export.fifo > from_fifo.jsonl &  # (never blocks the run should nothing write)
reader=$!
"$BIN" export --db db1.sqlite --out export.fifo 2> /dev/null
wait $reader
check "export --out into a pipe writes through it" cmp -s expected.jsonl from_fifo.jsonl
check "and the pipe stays a pipe, with nothing beside it" bash -c "test -p export.fifo && ! test -e export.fifo.partial"
"$BIN" export --db db1.sqlite --out . 2> export_dir.err
check "export --out into a directory is refused, saying so" grep -q "is a directory; give a file" export_dir.err

"$BIN" backup --db db1.sqlite --out backup1 2> backup.err
check "backup exits 0" test $? -eq 0
check "backup says what it copied" grep -q "backed up the database and 0 documents" backup.err
"$BIN" export --db backup1/biobridge.db > from_backup.jsonl 2> /dev/null
check "the backup holds the same records" cmp -s expected.jsonl from_backup.jsonl
"$BIN" backup --db db1.sqlite --out backup1 2> backup_again.err
check "backup into a directory that is not empty exits non-zero" test $? -ne 0
check "and says why" grep -q "not empty" backup_again.err

"$BIN" import --db db2.sqlite exported.jsonl 2> /dev/null
check "a clean import exits 0" test $? -eq 0
"$BIN" import --db db2.sqlite exported.jsonl 2> reimport.err
check "importing the same file again changes nothing" grep -q "0 created, 0 updated, 3 unchanged, 0 refused" reimport.err

cat expected.jsonl | "$BIN" import --db db3.sqlite - 2> /dev/null
check "import reads standard input" test $? -eq 0

# --- Certificates and documents travel with their files --------------------------
printf '%%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%%%EOF\nISO 13485 scan\n' > scan.pdf
hash=$(sha256sum scan.pdf | cut -c1-64)
mkdir -p given_files/"${hash:0:2}" && cp scan.pdf given_files/"${hash:0:2}/${hash:2}"
size=$(stat -c %s scan.pdf)
cat > attachments.jsonl <<JSONL
{"type":"certificate","id":"crt-b-iso","organization":"org-b","kind":"iso_13485","issuer":"TÜV SÜD","number":"Q5 123456","country":"DE","issued_on":"2024-01-10","expires_on":"2027-01-09"}
{"type":"document","id":"doc-b-iso","organization":"org-b","subject":{"type":"certificate","id":"crt-b-iso"},"name":"ISO 13485.pdf","media_type":"application/pdf","size":$size,"sha256":"$hash","confidentiality":"public"}
JSONL
"$BIN" import --db db1.sqlite attachments.jsonl 2> nofiles.err
check "a document without --files is refused" test $? -eq 1
check "saying to give --files" grep -q "line 2 (id doc-b-iso): sha256: .*--files" nofiles.err
"$BIN" import --db db1.sqlite --files given_files attachments.jsonl 2> files.err
check "with --files it lands" grep -q "1 created, 0 updated, 1 unchanged, 0 refused" files.err
"$BIN" export --db db1.sqlite --out with_files.jsonl --files exported_files 2> export_files.err
check "export --files copies each document's file" grep -q "copied the files of 1 documents" export_files.err
check "the copy is the file" cmp -s scan.pdf exported_files/"${hash:0:2}/${hash:2}"
check "the export has the certificate and the document" bash -c "grep -q '\"type\":\"certificate\",\"id\":\"crt-b-iso\"' with_files.jsonl && grep -q '\"type\":\"document\",\"id\":\"doc-b-iso\"' with_files.jsonl"
"$BIN" import --db db4.sqlite --files exported_files with_files.jsonl 2> roundtrip.err
check "another installation imports records and files" grep -q "5 created, 0 updated, 0 unchanged, 0 refused" roundtrip.err
"$BIN" export --db db4.sqlite --out roundtrip.jsonl 2> /dev/null
check "and exports the same again" cmp -s with_files.jsonl roundtrip.jsonl

# --- ROR CSV --------------------------------------------------------------------
cat > ror.csv <<'CSV'
ror_id,name,name_zh,name_ru,names_other_lang,aliases,acronyms,country_code,country_name,city,types,established,website,wikidata,ror_release,schema
02v51f717,Peking University,北京大学,Пекинский университет,,Beida,PKU,CN,China,Beijing,education,1898,https://www.pku.edu.cn,Q16952,v1.0,v2
018159n51,Kazan Federal University,,Казанский федеральный университет,,,KFU,RU,Russia,Kazan,education,1804,https://kpfu.ru,,v1.0,v2
00000bad0,Atlantis Clinic,,,,,,ZZ,Atlantis,Atlantis,healthcare,,,,v1.0,v2
CSV
"$BIN" import --db ror.sqlite --format ror ror.csv 2> ror.err
check "ROR import with an unknown country exits 1" test $? -eq 1
check "the refused ROR row is named" grep -q "row 4 (id ror:00000bad0): country" ror.err
"$BIN" export --db ror.sqlite > ror.jsonl 2> /dev/null
check "ROR Chinese names are kept as zh variants" grep -q '"id":"ror:02v51f717","name":{"en":"Peking University","zh":"北京大学","ru":"Пекинский университет"}' ror.jsonl
check "ROR Russian names are kept as ru variants" grep -q '"ru":"Казанский федеральный университет"' ror.jsonl

printf 'id,title\n1,x\n' > not_ror.csv
"$BIN" import --db ror2.sqlite --format ror not_ror.csv 2> not_ror.err
check "a CSV without ROR's columns exits 3" test $? -eq 3
check "and says which columns are missing" grep -q "ror_id, name, country_code" not_ror.err

# --- The search index ------------------------------------------------------------
check "an import leaves the search index beside the database" test -d db1.sqlite.search
"$BIN" reindex --db db1.sqlite 2> reindex.err
check "reindex exits 0" test $? -eq 0
check "reindex reports the records indexed" grep -q "indexed 3 records" reindex.err
"$BIN" import --db deferred.sqlite --defer-indexing exported.jsonl 2> /dev/null
check "import --defer-indexing exits 0" test $? -eq 0
"$BIN" reindex --db missing.sqlite 2> reindex-missing.err
check "reindex of a missing database exits 4 and names it" bash -c "test $? -eq 4 && grep -q missing.sqlite reindex-missing.err"

# --- Matching ----------------------------------------------------------------------
"$BIN" match --db db1.sqlite --opportunity opp-1 --json > match.json 2> match.err
check "match --json exits 0" test $? -eq 0
check "match --json lists candidates best first with their organisation ids" node -e '
  const r = JSON.parse(require("fs").readFileSync("match.json", "utf8"));
  const c = r.candidates;
  if (r.source.id !== "opp-1" || c.length === 0) process.exit(1);
  for (let i = 0; i < c.length; i++) {
    if (c[i].rank !== i + 1 || !c[i].organization_id || c[i].organization_id === "org-b") process.exit(1);
    if (i > 0 && c[i].score > c[i - 1].score) process.exit(1);
  }
  if (c[0].organization_id !== "org-a") process.exit(1);  // the Russian company, in the target market
  if (!c[0].reasons.some(x => x.code === "target_market")) process.exit(1);'
"$BIN" match --db db1.sqlite --text "寻找俄罗斯经销商" --lang ru > match-text.out 2>&1
check "match --text prints reasons in the language asked for" grep -q "Находится в целевой для вас стране: Российская Федерация" match-text.out
"$BIN" match --db db1.sqlite --organization org-a --top 1 > match-org.out 2>&1
check "match --organization exits 0" test $? -eq 0
"$BIN" match --db db1.sqlite --opportunity opp-404 2> match-404.err
check "match of an unknown id exits 4 and names it" bash -c "test $? -eq 4 && grep -q opp-404 match-404.err"
"$BIN" match --db db1.sqlite 2> /dev/null
check "match without a source is a usage error (exit 2)" test $? -eq 2
"$BIN" match --db db1.sqlite --opportunity opp-1 --text x 2> /dev/null
check "match with two sources is a usage error (exit 2)" test $? -eq 2
"$BIN" match --db db1.sqlite --opportunity opp-1 --top 99 2> match-top.err
check "match --top out of range exits 3 and says why" bash -c "test $? -eq 3 && grep -q 'between 1 and 50' match-top.err"

# --- Reviewer assignment from openreview-matcher CSV files -------------------------
cat > scores.csv <<'CSV'
p1,r1,0.9
p1,r2,0.5
p1,r3,0.1
p2,r1,0.8
p2,r2,0.7
p2,r3,0.2
p3,r1,0.3
p3,r2,0.6
p3,r3,0.4
CSV
printf 'p1,r1,-1\n' > conflicts.csv
# The best of the six ways with r1 kept off p1: p1-r2, p2-r1, p3-r3 (1.7).
"$BIN" assign --scores scores.csv --conflicts conflicts.csv --k 1 --max-load 1 > assign.csv 2> assign.err
check "assign exits 0" test $? -eq 0
check "assign prints the optimal assignment as CSV" diff <(printf 'paperID,reviewerID,score\np1,r2,0.5\np2,r1,0.8\np3,r3,0.4\n') assign.csv
check "assign reports the total affinity" grep -q "total affinity 1.700000" assign.err
"$BIN" assign --scores scores.csv --conflicts conflicts.csv --k 1 --max-load 1 --json > assign.json
check "assign --json gives the figures and the assignments" node -e '
  const r = JSON.parse(require("fs").readFileSync("assign.json", "utf8"));
  if (r.papers !== 3 || r.reviewers !== 3 || r.conflicts !== 1) process.exit(1);
  if (Math.abs(r.stats.total_affinity - 1.7) > 1e-6 || r.stats.load.max !== 1) process.exit(1);
  const p1 = r.assignments.find(a => a.paper === "p1");
  if (p1.reviewers.length !== 1 || p1.reviewers[0].reviewer !== "r2" || p1.reviewers[0].score !== 0.5) process.exit(1);'
"$BIN" assign --scores scores.csv --k 2 --max-load 1 2> assign-short.err
check "an assignment the loads cannot give exits 4 and says why" bash -c "test $? -eq 4 && grep -q '6 reviews are needed but 3 experts may give at most 3' assign-short.err"
printf 'p4,r1,0.9\n' | cat scores.csv - > scores4.csv
"$BIN" assign --scores scores4.csv --k 1 --max-load 1 --allow-uncovered --json > assign-uncovered.json 2> /dev/null
check "assign --allow-uncovered names the paper left short and why" node -e '
  const r = JSON.parse(require("fs").readFileSync("assign-uncovered.json", "utf8"));
  if (r.uncovered.length !== 1 || !/maximum load of 1/.test(r.uncovered[0].reason)) process.exit(1);
  if (r.stats.covered_papers !== 3) process.exit(1);'
printf 'p1,r1,0.9\np1,r2,high\n' > bad-scores.csv
"$BIN" assign --scores bad-scores.csv --k 1 --max-load 1 2> assign-bad.err
check "a malformed scores file exits 3 naming the row" bash -c "test $? -eq 3 && grep -q 'bad-scores.csv row 2: \"high\" is not a finite number' assign-bad.err"
printf 'p1,r9,-1\n' > bad-conflicts.csv
"$BIN" assign --scores scores.csv --conflicts bad-conflicts.csv --k 1 --max-load 1 2> assign-unknown.err
check "a conflict with an unknown reviewer exits 3 naming it" bash -c "test $? -eq 3 && grep -q 'reviewer r9 is not in the scores' assign-unknown.err"
"$BIN" assign --scores scores.csv --k 1 2> /dev/null
check "assign without --max-load is a usage error (exit 2)" test $? -eq 2

# --- Reviewer assignment for a programme's committee (the demo data) ------------
"$BIN" serve --db demo.sqlite --port 0 --demo > serve.out 2> serve.err &
SERVER=$!
for _ in $(seq 1 100); do grep -q 'listening on http://' serve.out 2> /dev/null && break; sleep 0.1; done
kill "$SERVER"; wait "$SERVER" 2> /dev/null
"$BIN" assign --db demo.sqlite --programme demo-prog-novo-call --json > programme.json 2> programme.err
check "assign --programme previews the committee's optimum" node -e '
  const r = JSON.parse(require("fs").readFileSync("programme.json", "utf8"));
  if (r.saved !== false || r.assignments.length !== 5) process.exit(1);
  for (const a of r.assignments) {
    const decided = a.title === "Once-weekly semaglutide biosimilar";  // decided: no longer assigned
    if (a.reviewers.length !== (decided ? 0 : 2)) process.exit(1);
    if (a.reviewers.some(x => x.name === "李娜 Li Na") && a.title === "Oral GLP-1 receptor agonist tablet") process.exit(1);
  }
  if (r.figures.conflicts < 1) process.exit(1);'
"$BIN" assign --db demo.sqlite --programme demo-prog-novo-call --k 6 2> programme-k6.err
check "too few experts for k exits 4 and says so" bash -c "test $? -eq 4 && grep -q 'the committee has 5 experts but each project needs 6 reviewers' programme-k6.err"
"$BIN" assign --db demo.sqlite --programme demo-prog-novo-call --save 2> programme-save.err
check "saving over a published assignment is refused" bash -c "test $? -eq 4 && grep -q 'the assignment is published' programme-save.err"
"$BIN" assign --db demo.sqlite --programme demo-prog-nowhere 2> programme-404.err
check "an unknown programme exits 4 and names it" bash -c "test $? -eq 4 && grep -q demo-prog-nowhere programme-404.err"
"$BIN" assign --db demo.sqlite 2> /dev/null
check "assign --db without --programme is a usage error (exit 2)" test $? -eq 2

# --- Partnering events: import from another event tool, then schedule -----------
cat > event.jsonl <<'JSONL'
{"type":"organization","id":"org-e1","name":{"en":"E1"},"kind":"company","country":"CN"}
{"type":"organization","id":"org-e2","name":{"en":"E2"},"kind":"hospital","country":"RU"}
{"type":"event","id":"ev-1","name":{"en":"Forum"},"time_zone":"Europe/Moscow","tables":1,"slots":[{"id":"s1","start":"2026-06-16T09:00","end":"2026-06-16T09:30"},{"id":"s2","start":"2026-06-16T09:30","end":"2026-06-16T10:00"}]}
{"type":"delegate","id":"d1","event":"ev-1","organization":"org-e1","name":"Anna"}
{"type":"delegate","id":"d2","event":"ev-1","organization":"org-e2","name":"Boris","available_slots":["s2"]}
{"type":"delegate","id":"d3","event":"ev-1","organization":"org-e2","name":"Vera"}
{"type":"meeting_request","id":"m1","event":"ev-1","from":"d1","to":"d2","priority":"must","status":"accepted"}
{"type":"meeting_request","id":"m2","event":"ev-1","from":"d1","to":"d3","status":"accepted"}
{"type":"meeting_request","id":"m3","event":"ev-1","from":"d2","to":"d3","status":"accepted"}
JSONL
"$BIN" import --db events.sqlite event.jsonl 2> event-import.err
check "event records import" bash -c "test $? -eq 1 && grep -q 'line 9 (id m3): to: .*colleagues' event-import.err"
"$BIN" schedule --db events.sqlite --event ev-1 --json > schedule.json 2> schedule.err
check "schedule --json prints DESIGN.md's meetings with the figures" node -e '
  const r = JSON.parse(require("fs").readFileSync("schedule.json", "utf8"));
  const at = Object.fromEntries(r.meetings.map(m => [m.request, m]));
  if (r.meetings.length !== 2 || at.m1.slot !== "s2" || at.m2.slot !== "s1" || at.m1.table !== 1) process.exit(1);
  if (r.weight !== 3 || r.bound !== 3 || r.exact !== true || r.saved !== false) process.exit(1);'
check "and writes its numbers as people do" grep -q '"weight":3,"bound":3,"percent_of_bound":100,' schedule.json
"$BIN" schedule --db events.sqlite --event ev-1 > schedule.txt 2> /dev/null
check "schedule's text names who meets whom, when and where" grep -q '^s2  *table    1  Anna ↔ Boris  (m1)' schedule.txt
"$BIN" export --db events.sqlite > events-export.jsonl 2> /dev/null
check "export carries the event records back" bash -c "grep -q '\"type\":\"meeting_request\",\"id\":\"m2\"' events-export.jsonl && grep -q '\"time_zone\":\"Europe/Moscow\"' events-export.jsonl"
"$BIN" schedule --db events.sqlite --event ev-404 2> schedule-404.err
check "schedule of an unknown event exits 4 and names it" bash -c "test $? -eq 4 && grep -q ev-404 schedule-404.err"

# --- Exit codes for misuse --------------------------------------------------------
"$BIN" import --db x.sqlite missing-file.jsonl 2> missing.err
check "a missing input file exits 4" test $? -eq 4
check "and names it" grep -q "missing-file.jsonl" missing.err
"$BIN" import --db x.sqlite --format xml whatever 2> /dev/null
check "an unknown format is a usage error (exit 2)" test $? -eq 2
"$BIN" frobnicate 2> /dev/null
check "an unknown command is a usage error (exit 2)" test $? -eq 2
"$BIN" export --db /nonexistent/dir/x.sqlite > /dev/null 2> nodb.err
check "an unopenable database exits 5" test $? -eq 5
"$BIN" export --db db1.sqlite --out /nonexistent/dir/out.jsonl 2> noout.err
check "an unwritable output exits 5 and names it" bash -c "test $? -eq 5 && grep -q /nonexistent/dir/out.jsonl noout.err"

echo "$failures failure(s)"
test "$failures" -eq 0
