// Search and matching at scale, and the same queries through SQLite FTS5.
//
//   bb_search_bench index --db DB --index DIR [--threads N]
//       Rebuilds the search index of DB into DIR; prints documents, seconds,
//       documents/s and the index size.
//   bb_search_bench match --db DB --index DIR [--queries N] [--seed S]
//       Matches N opportunities drawn at random (ForOpportunity, pool of 100,
//       top 10), first on 1 thread, then on 2 threads at once; prints the
//       latency percentiles per query.
//   bb_search_bench fts5 --db DB --fts FILE [--queries N] [--seed S]
//       Builds an FTS5 table (default unicode61 tokenizer) over the same text
//       and runs the same opportunities' text as OR queries ranked by bm25(),
//       LIMIT 100 (the matcher's pool), on 1 and 2 threads.
// Run as separate processes so that /usr/bin/time gives each one's peak
// memory (bench/search_bench.sh).
#include <fmt/format.h>
#include <sqlite3.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <filesystem>
#include <iostream>
#include <mutex>
#include <random>
#include <set>
#include <thread>

#include "bench_clock.h"
#include "bench_store.h"
#include "match/matcher.h"
#include "storage/sqlite/sqlite_store.h"
#include "storage/store.h"

namespace biobridge {
namespace {

using bench::Clock;
using bench::OpenStore;
using bench::PeakMegabytes;
using bench::Seconds;

struct Args {
  std::string mode, db, index, fts;
  int threads = 2;
  int queries = 500;
  std::uint64_t seed = 1;
};


std::uint64_t DirectoryBytes(const std::string& path) {
  std::uint64_t bytes = 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(path)) {
    if (entry.is_regular_file()) bytes += entry.file_size();
  }
  return bytes;
}

std::string Percentiles(std::vector<double> ms) {
  std::sort(ms.begin(), ms.end());
  auto at = [&](double p) { return ms[std::min(ms.size() - 1, static_cast<std::size_t>(p * ms.size()))]; };
  return fmt::format("p50 {:.1f} ms, p95 {:.1f} ms, p99 {:.1f} ms", at(0.50), at(0.95), at(0.99));
}

// Opportunity ids drawn at random, the same for every mode with one seed.
std::vector<std::string> Sample(storage::Store& store, int count, std::uint64_t seed) {
  std::vector<std::string> ids;
  Status s = store.ForEachOpportunity([&](const domain::Opportunity& o) {
    ids.push_back(o.id);
    return Status::Ok();
  });
  if (!s.ok()) throw std::runtime_error(s.ToString());
  std::mt19937_64 random(seed);
  std::shuffle(ids.begin(), ids.end(), random);
  ids.resize(std::min<std::size_t>(ids.size(), static_cast<std::size_t>(count)));
  return ids;
}

// Runs `one(i, worker)` for every query on `threads` threads (worker is
// 0..threads-1); per-query latencies.
template <typename One>
std::vector<double> Timed(std::size_t queries, int threads, One one) {
  std::vector<double> ms(queries);
  std::atomic<std::size_t> next{0};
  auto work = [&](int worker) {
    for (std::size_t i = next++; i < queries; i = next++) {
      const auto started = Clock::now();
      one(i, worker);
      ms[i] = Seconds(started) * 1000;
    }
  };
  std::vector<std::thread> pool;
  for (int t = 1; t < threads; ++t) pool.emplace_back(work, t);
  work(0);
  for (std::thread& t : pool) t.join();
  return ms;
}

int Index(const Args& a) {
  auto store = OpenStore(a.db);
  auto index = search::SearchIndex::Open(a.index, text::Vocabulary::Builtin());
  if (!index.ok()) throw std::runtime_error(index.status().ToString());
  const auto started = Clock::now();
  Status s = (*index)->Rebuild(*store, a.threads);
  if (!s.ok()) throw std::runtime_error(s.ToString());
  const double seconds = Seconds(started);
  const std::int64_t docs = (*index)->document_count();
  std::cout << fmt::format("index: {} documents in {:.1f} s = {:.0f} documents/s with {} threads; index {} MB on "
                           "disk; peak RSS {} MB\n",
                           docs, seconds, static_cast<double>(docs) / seconds, a.threads,
                           DirectoryBytes(a.index) / 1000000, PeakMegabytes());
  return 0;
}

int Match(const Args& a) {
  auto store = OpenStore(a.db);
  auto index = search::SearchIndex::Open(a.index, text::Vocabulary::Builtin());
  if (!index.ok()) throw std::runtime_error(index.status().ToString());
  const std::vector<std::string> ids = Sample(*store, a.queries, a.seed);
  std::vector<domain::Opportunity> sources;
  std::vector<domain::Organization> owners;
  for (const std::string& id : ids) {
    sources.push_back(store->GetOpportunity(id).value());
    owners.push_back(store->GetOrganization(sources.back().organization_id).value());
  }
  const match::Matcher matcher(**index, domain::Taxonomies::Builtin());
  const match::MatchOptions options{.top = 10, .visible_tiers = {"public", "members"}};
  std::atomic<std::size_t> found{0};
  auto one = [&](std::size_t i, int) {
    auto result = matcher.ForOpportunity(sources[i], owners[i], options);
    if (!result.ok()) throw std::runtime_error(result.status().ToString());
    found += result->size();
  };
  const std::size_t warm = std::min<std::size_t>(20, ids.size());
  Timed(warm, 1, one);  // warm the caches
  for (int threads : {1, 2}) {
    const auto started = Clock::now();
    const std::vector<double> ms = Timed(ids.size(), threads, one);
    std::cout << fmt::format("match ({} of {} documents, {} thread{}): {} queries, {}; {:.0f} queries/s\n",
                             ids.size(), (*index)->document_count(), threads, threads > 1 ? "s" : "", ids.size(),
                             Percentiles(ms), static_cast<double>(ids.size()) / Seconds(started));
  }
  std::cout << fmt::format("match: {:.1f} candidates per query on average; peak RSS {} MB\n",
                           static_cast<double>(found) / static_cast<double>(warm + 2 * ids.size()), PeakMegabytes());
  return 0;
}

// The text a typical application would put in a full-text table.
std::string AllText(const domain::LocalizedText& a, const domain::LocalizedText& b) {
  std::string out;
  for (const auto* t : {&a, &b}) {
    for (const auto& [language, value] : t->variants()) out += value + "\n";
  }
  return out;
}

// Words of a text for an FTS5 OR query: split at spaces and punctuation
// (as unicode61 does; Han runs stay whole), each quoted.
std::string FtsQuery(const std::string& text) {
  std::set<std::string> words;
  std::string word;
  auto flush = [&] {
    if (word.size() > 1) words.insert(word);
    word.clear();
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      if (std::isalnum(c)) {
        word += static_cast<char>(std::tolower(c));
      } else {
        flush();
      }
    } else if (text.compare(i, 3, "，") == 0 || text.compare(i, 3, "。") == 0 || text.compare(i, 3, "、") == 0 ||
               text.compare(i, 3, "：") == 0 || text.compare(i, 3, "«") == 0) {
      flush();
      i += 2;
    } else {
      word += static_cast<char>(c);
    }
  }
  flush();
  std::string query;
  std::size_t n = 0;
  for (const std::string& w : words) {
    if (n++ == 48) break;
    if (!query.empty()) query += " OR ";
    query += "\"" + w + "\"";
  }
  return query;
}

void Check(int rc, sqlite3* db, const char* what) {
  if (rc != SQLITE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW) {
    throw std::runtime_error(fmt::format("{}: {}", what, sqlite3_errmsg(db)));
  }
}

int Fts5(const Args& a) {
  auto store = OpenStore(a.db);
  std::filesystem::remove(a.fts);
  sqlite3* db = nullptr;
  Check(sqlite3_open(a.fts.c_str(), &db), db, "open");
  Check(sqlite3_exec(db, "PRAGMA journal_mode=WAL; CREATE VIRTUAL TABLE docs USING fts5(id UNINDEXED, body)", nullptr,
                     nullptr, nullptr),
        db, "create");
  const auto started = Clock::now();
  Check(sqlite3_exec(db, "BEGIN", nullptr, nullptr, nullptr), db, "begin");
  sqlite3_stmt* insert = nullptr;
  Check(sqlite3_prepare_v2(db, "INSERT INTO docs(id, body) VALUES (?, ?)", -1, &insert, nullptr), db, "prepare");
  std::int64_t docs = 0;
  auto add = [&](const std::string& id, const std::string& body) {
    sqlite3_bind_text(insert, 1, id.data(), static_cast<int>(id.size()), SQLITE_TRANSIENT);
    sqlite3_bind_text(insert, 2, body.data(), static_cast<int>(body.size()), SQLITE_TRANSIENT);
    Check(sqlite3_step(insert), db, "insert");
    sqlite3_reset(insert);
    ++docs;
  };
  Status s = store->ForEachOrganization([&](const domain::Organization& o) {
    add(o.id, AllText(o.name, o.description));
    return Status::Ok();
  });
  if (s.ok()) {
    s = store->ForEachOpportunity([&](const domain::Opportunity& o) {
      add(o.id, AllText(o.title, o.description));
      return Status::Ok();
    });
  }
  if (!s.ok()) throw std::runtime_error(s.ToString());
  sqlite3_finalize(insert);
  Check(sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr), db, "commit");
  const double seconds = Seconds(started);
  sqlite3_close(db);
  std::cout << fmt::format("fts5: {} documents in {:.1f} s = {:.0f} documents/s (1 thread); table {} MB on disk\n",
                           docs, seconds, static_cast<double>(docs) / seconds,
                           std::filesystem::file_size(a.fts) / 1000000);

  const std::vector<std::string> ids = Sample(*store, a.queries, a.seed);
  std::vector<std::string> queries;
  for (const std::string& id : ids) {
    const domain::Opportunity o = store->GetOpportunity(id).value();
    queries.push_back(FtsQuery(AllText(o.title, o.description)));
  }
  // One connection per thread, as a web application would have.
  std::vector<sqlite3*> connections(2);
  std::vector<sqlite3_stmt*> statements(2);
  for (int t = 0; t < 2; ++t) {
    Check(sqlite3_open_v2(a.fts.c_str(), &connections[t], SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, nullptr),
          connections[t], "open");
    Check(sqlite3_prepare_v2(connections[t], "SELECT id FROM docs WHERE docs MATCH ? ORDER BY bm25(docs) LIMIT 100", -1,
                             &statements[t], nullptr),
          connections[t], "prepare");
  }
  std::atomic<std::size_t> rows{0};
  auto run = [&](sqlite3_stmt* st, const std::string& q) {
    sqlite3_bind_text(st, 1, q.data(), static_cast<int>(q.size()), SQLITE_TRANSIENT);
    while (sqlite3_step(st) == SQLITE_ROW) ++rows;
    sqlite3_reset(st);
  };
  for (std::size_t i = 0; i < std::min<std::size_t>(20, queries.size()); ++i) run(statements[0], queries[i]);  // warm
  for (int threads : {1, 2}) {
    const auto started_queries = Clock::now();
    const std::vector<double> ms = Timed(queries.size(), threads, [&](std::size_t i, int worker) {
      run(statements[static_cast<std::size_t>(worker)], queries[i]);  // one connection per thread
    });
    std::cout << fmt::format("fts5 query ({} thread{}): {} queries, {}; {:.0f} queries/s\n", threads,
                             threads > 1 ? "s" : "", queries.size(), Percentiles(ms),
                             static_cast<double>(queries.size()) / Seconds(started_queries));
  }
  for (int t = 0; t < 2; ++t) {
    sqlite3_finalize(statements[t]);
    sqlite3_close(connections[t]);
  }
  std::cout << fmt::format("fts5: peak RSS {} MB\n", PeakMegabytes());
  return 0;
}

}  // namespace
}  // namespace biobridge

int main(int argc, char** argv) {
  std::cout << std::unitbuf;  // each line as soon as it is measured
  biobridge::Args a;
  if (argc < 2) {
    std::cerr << "usage: bb_search_bench index|match|fts5 --db DB [--index DIR] [--fts FILE] [--threads N] "
                 "[--queries N] [--seed S]\n";
    return 2;
  }
  a.mode = argv[1];
  for (int i = 2; i + 1 < argc; i += 2) {
    const std::string flag = argv[i];
    const std::string value = argv[i + 1];
    if (flag == "--db") a.db = value;
    else if (flag == "--index") a.index = value;
    else if (flag == "--fts") a.fts = value;
    else if (flag == "--threads") a.threads = std::stoi(value);
    else if (flag == "--queries") a.queries = std::stoi(value);
    else if (flag == "--seed") a.seed = std::stoull(value);
  }
  try {
    if (a.mode == "index") return biobridge::Index(a);
    if (a.mode == "match") return biobridge::Match(a);
    if (a.mode == "fts5") return biobridge::Fts5(a);
  } catch (const std::exception& e) {
    std::cerr << "bb_search_bench: " << e.what() << '\n';
    return 1;
  }
  std::cerr << "unknown mode " << a.mode << '\n';
  return 2;
}
