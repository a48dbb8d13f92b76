// The delegates of one event and their organisations' names in one language,
// each read from the store at most once (internal to service/): the views of
// requests and agendas name many people, often the same ones.
#pragma once

#include <map>
#include <string>
#include <string_view>

#include "base/random.h"
#include "domain/event.h"

#include "domain/queries.h"

namespace biobridge::storage {
class Store;  // storage/store.h, included by the .cc files that use it: callers above need not
struct WriteContext;
}  // namespace biobridge::storage

namespace biobridge::service {

// A delegate's check-in key (domain::Delegate::check_in_key): 16 random
// URL-safe characters.
std::string NewCheckInKey(RandomSource& random);

// The event's delegates who are registered now (not withdrawn), in order of
// registration.
Result<std::vector<domain::Delegate>> RegisteredDelegates(storage::Store& store, std::string_view event_id);

class EventPeople {
 public:
  EventPeople(storage::Store& store, std::string language) : store_(store), language_(std::move(language)) {}

  // Reads every delegate of the event in one query (for views of all of it).
  Status LoadAll(std::string_view event_id);
  // Takes delegates already read (no query).
  void Know(const std::vector<domain::Delegate>& delegates);
  // nullptr when there is no such delegate.
  const domain::Delegate* Find(const std::string& delegate_id);
  // In the language given (else English, else the first); the id when the
  // organisation cannot be read.
  const std::string& OrganizationName(const std::string& organization_id);

 private:
  storage::Store& store_;
  std::string language_;
  std::map<std::string, domain::Delegate, std::less<>> delegates_;
  std::map<std::string, std::string, std::less<>> organization_names_;
};

}  // namespace biobridge::service
