// Reading and writing the fields of interchange objects, shared by the
// codecs of domain/ (internal to the module): every error names its field.
#pragma once

#include <fmt/format.h>

#include <algorithm>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/json.h"
#include "base/status.h"
#include "base/strings.h"
#include "base/time.h"
#include "domain/codec.h"
#include "domain/localized_text.h"

namespace biobridge::domain {

inline Status WrongType(std::string_view field, std::string_view expected, const json::value& got) {
  return InvalidArgumentError(std::string(field),
                              fmt::format("must be {}, got {}", expected, JsonKindName(got)));
}

// Reads the known fields of one record object; every error names its field.
class RecordReader {
 public:
  RecordReader(const json::object& object, std::initializer_list<std::string_view> known)
      : object_(object), known_(known) {}

  Status Type(std::string_view expected) const {
    const json::value* v = object_.if_contains("type");
    if (!v || v->is_null()) return Status::Ok();
    if (!v->is_string()) return WrongType("type", "a string", *v);
    if (v->get_string() != expected) {
      return InvalidArgumentError("type", fmt::format("expected \"{}\", got \"{}\"", expected,
                                                      std::string_view(v->get_string())));
    }
    return Status::Ok();
  }

  Status String(std::string_view key, std::string& out) const {
    const json::value* v = Get(key);
    if (!v) return Status::Ok();
    if (!v->is_string()) return WrongType(key, "a string", *v);
    out = Trim(v->get_string());
    return Status::Ok();
  }

  Status Text(std::string_view key, LocalizedText& out) const {
    const json::value* v = Get(key);
    if (!v) return Status::Ok();
    auto text = LocalizedTextFromJson(*v);
    if (!text.ok()) return text.status().WithFieldPrefix(key);
    out = std::move(text).value();
    return Status::Ok();
  }

  Status StringList(std::string_view key, std::vector<std::string>& out, bool upper = false) const {
    const json::value* v = Get(key);
    if (!v) return Status::Ok();
    if (!v->is_array()) return WrongType(key, "an array of strings", *v);
    out.clear();
    const json::array& items = v->get_array();
    for (std::size_t i = 0; i < items.size(); ++i) {
      if (!items[i].is_string()) return WrongType(fmt::format("{}[{}]", key, i), "a string", items[i]);
      std::string item = Trim(items[i].get_string());
      out.push_back(upper ? AsciiUpper(item) : std::move(item));
    }
    return Status::Ok();
  }

  Status DateField(std::string_view key, std::optional<biobridge::Date>& out) const {
    std::string text;
    BB_RETURN_IF_ERROR(String(key, text));
    if (text.empty()) return Status::Ok();
    auto date = ParseDate(text);
    if (!date.ok()) return InvalidArgumentError(std::string(key), date.status().message());
    out = *date;
    return Status::Ok();
  }

  Status Year(std::string_view key, std::optional<int>& out) const {
    const json::value* v = Get(key);
    if (!v) return Status::Ok();
    const std::optional<std::int64_t> whole = WholeNumber(*v);
    if (!whole) return WrongType(key, "a year such as 2021", *v);
    const std::int64_t year = *whole;
    if (year < 1900 || year > 2200) {
      return InvalidArgumentError(std::string(key), fmt::format("{} is not a plausible year", year));
    }
    out = static_cast<int>(year);
    return Status::Ok();
  }

  Status Version(std::int64_t& out) const {
    const json::value* v = Get("version");
    if (!v) return Status::Ok();
    const std::optional<std::int64_t> whole = WholeNumber(*v);
    if (!whole) return WrongType("version", "a whole number", *v);
    const std::int64_t version = *whole;
    if (version < 1) return InvalidArgumentError("version", "must be 1 or more");
    out = version;
    return Status::Ok();
  }

  Status Int(std::string_view key, int& out, int min, int max) const {
    const json::value* v = Get(key);
    if (!v) return Status::Ok();
    const std::optional<std::int64_t> whole = WholeNumber(*v);
    if (!whole) return WrongType(key, "a whole number", *v);
    const std::int64_t n = *whole;
    if (n < min || n > max) {
      return InvalidArgumentError(std::string(key), fmt::format("must be between {} and {}, got {}", min, max, n));
    }
    out = static_cast<int>(n);
    return Status::Ok();
  }

  Status Number(std::string_view key, double& out, double min, double max) const {
    const json::value* v = Get(key);
    if (!v) return Status::Ok();
    if (!v->is_number()) return WrongType(key, "a number", *v);
    const double n = v->to_number<double>();
    if (!(n >= min && n <= max)) {
      return InvalidArgumentError(std::string(key), fmt::format("must be between {} and {}, got {}", min, max, n));
    }
    out = n;
    return Status::Ok();
  }

  Status Bool(std::string_view key, bool& out) const {
    const json::value* v = Get(key);
    if (!v) return Status::Ok();
    if (!v->is_bool()) return WrongType(key, "true or false", *v);
    out = v->get_bool();
    return Status::Ok();
  }

  Status Time(std::string_view key, Timestamp& out) const {
    std::string text;
    BB_RETURN_IF_ERROR(String(key, text));
    if (text.empty()) return Status::Ok();
    auto at = ParseTimestamp(text);
    if (!at.ok()) return InvalidArgumentError(std::string(key), at.status().message());
    out = *at;
    return Status::Ok();
  }

  // Each element of an array of objects, read by `read` with a reader of its
  // own; errors name the element ("conflicts[2].kind").
  template <typename Read>
  Status Objects(std::string_view key, std::initializer_list<std::string_view> known, Read&& read) const {
    const json::value* v = Get(key);
    if (!v) return Status::Ok();
    if (!v->is_array()) return WrongType(key, "an array of objects", *v);
    const json::array& items = v->get_array();
    for (std::size_t i = 0; i < items.size(); ++i) {
      const std::string field = fmt::format("{}[{}]", key, i);
      if (!items[i].is_object()) return WrongType(field, "an object", items[i]);
      Status status = read(RecordReader(items[i].get_object(), known));
      if (!status.ok()) return status.WithFieldPrefix(field);
    }
    return Status::Ok();
  }

  // An object member, read by `read`.
  template <typename Read>
  Status Object(std::string_view key, std::initializer_list<std::string_view> known, Read&& read) const {
    const json::value* v = Get(key);
    if (!v) return Status::Ok();
    if (!v->is_object()) return WrongType(key, "an object", *v);
    Status status = read(RecordReader(v->get_object(), known));
    return status.ok() ? status : status.WithFieldPrefix(key);
  }

  bool Has(std::string_view key) const { return Get(key) != nullptr; }

  // Members that are neither known fields nor server-maintained ones.
  json::object Extra() const {
    json::object extra;
    for (const auto& member : object_) {
      const std::string_view key = member.key();
      if (key == "type" || key == "version" || key == "created_at" || key == "updated_at") continue;
      if (std::find(known_.begin(), known_.end(), key) != known_.end()) continue;
      extra.emplace(key, member.value());
    }
    return extra;
  }

 private:
  // The value of `key`, or nullptr when absent or null.
  const json::value* Get(std::string_view key) const {
    const json::value* v = object_.if_contains(key);
    return v && !v->is_null() ? v : nullptr;
  }

  const json::object& object_;
  std::vector<std::string_view> known_;
};

inline void PutText(json::object& out, std::string_view key, const LocalizedText& text) {
  if (!text.empty()) out[key] = ToJson(text);
}

inline void PutString(json::object& out, std::string_view key, const std::string& value) {
  if (!value.empty()) out[key] = value;
}

inline void PutList(json::object& out, std::string_view key, const std::vector<std::string>& values) {
  if (!values.empty()) out[key] = json::array(values.begin(), values.end());
}

inline void PutExtra(json::object& out, const json::object& extra) {
  for (const auto& member : extra) {
    if (!out.contains(member.key())) out.emplace(member.key(), member.value());
  }
}


}  // namespace biobridge::domain
