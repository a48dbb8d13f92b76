#include "base/csv.h"

#include <csv.h>
#include <fmt/format.h>

#include <array>

#include "base/utf8.h"

namespace biobridge {
namespace {

struct ParseState {
  const std::function<Status(std::size_t, std::vector<std::string>&)>* on_row;
  std::vector<std::string> fields;
  std::size_t row = 0;
  Status status;  // the first error; once set, further rows are ignored
};

void OnField(void* data, std::size_t length, void* state_ptr) {
  auto* state = static_cast<ParseState*>(state_ptr);
  state->fields.emplace_back(data ? static_cast<const char*>(data) : "", data ? length : 0);
}

void OnRowEnd(int, void* state_ptr) {
  auto* state = static_cast<ParseState*>(state_ptr);
  ++state->row;
  if (state->status.ok()) {
    for (std::size_t i = 0; i < state->fields.size(); ++i) {
      if (!IsValidUtf8(state->fields[i])) {
        state->status = MalformedError(fmt::format("row {}, column {}: not valid UTF-8; save the file as UTF-8",
                                                   state->row, i + 1));
        break;
      }
    }
  }
  if (state->status.ok()) state->status = (*state->on_row)(state->row, state->fields);
  state->fields.clear();
}

}  // namespace

Status ReadCsv(std::istream& in, const std::function<Status(std::size_t, std::vector<std::string>&)>& on_row,
               std::size_t* bytes_read) {
  csv_parser parser;
  if (csv_init(&parser, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0) {
    return InternalError("cannot set up the CSV parser");
  }
  ParseState state{&on_row, {}, 0, Status::Ok()};
  std::array<char, 64 * 1024> buffer;
  std::size_t total = 0;
  while (state.status.ok() && in) {
    in.read(buffer.data(), buffer.size());
    const auto n = static_cast<std::size_t>(in.gcount());
    if (n == 0) break;
    if (csv_parse(&parser, buffer.data(), n, OnField, OnRowEnd, &state) != n) {
      state.status = MalformedError(fmt::format("row {}: {}; check the quoting of that row", state.row + 1,
                                                csv_strerror(csv_error(&parser))));
    }
    total += n;
    if (bytes_read) *bytes_read = total;
  }
  if (state.status.ok() && in.bad()) state.status = UnavailableError("the input could not be read to the end");
  if (state.status.ok() && csv_fini(&parser, OnField, OnRowEnd, &state) != 0) {
    state.status = MalformedError(fmt::format("row {}: the file ends inside a quoted field", state.row + 1));
  }
  csv_free(&parser);
  return state.status;
}

}  // namespace biobridge

namespace biobridge {

std::string WriteCsv(const std::vector<std::vector<std::string>>& rows) {
  std::string out;
  std::string field, buffer;
  for (const std::vector<std::string>& row : rows) {
    for (std::size_t i = 0; i < row.size(); ++i) {
      if (i > 0) out += ',';
      field = row[i];
      if (!field.empty() && std::string_view("=+-@\t\r").find(field.front()) != std::string_view::npos) {
        field.insert(field.begin(), '\'');
      }
      // csv_write quotes the field and doubles its quotes; it says how much room that takes.
      buffer.resize(csv_write(nullptr, 0, field.data(), field.size()));
      csv_write(buffer.data(), buffer.size(), field.data(), field.size());
      out += buffer;
    }
    out += "\r\n";
  }
  return out;
}

}  // namespace biobridge
