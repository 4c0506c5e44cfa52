#pragma once
// Storage of mandates (issue 11). Implemented in store/; used inside a UnitOfWork transaction. A mandate is
// found only through its citizen or its organisation, so neither side can name someone else's. A citizen
// has at most one stored-active mandate per organisation (the store refuses a second: StoreFailure).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "intermediaries/mandate.h"

namespace sportello {

class MandateRepository {
 public:
  virtual ~MandateRepository() = default;
  // Stores the mandate and, for a recorded one, the signed form's bytes (empty for online ones); returns its id.
  virtual std::int64_t insert(const Mandate& mandate, const std::string& document) = 0;
  // Stores state, ended_at and ended_by.
  virtual void update(const Mandate& mandate) = 0;
  virtual std::optional<Mandate> find_for_citizen(std::int64_t citizen_id, std::int64_t id) = 0;
  virtual std::optional<Mandate> find_for_organisation(std::int64_t organisation_id, std::int64_t id) = 0;
  // Newest first.
  virtual std::vector<Mandate> of_citizen(std::int64_t citizen_id) = 0;
  virtual std::vector<Mandate> of_organisation(std::int64_t organisation_id, int limit) = 0;
  // The citizen's stored-active mandate to the organisation (even when past its last day), if any.
  virtual std::optional<Mandate> active(std::int64_t citizen_id, std::int64_t organisation_id) = 0;
  // The same, found by the citizen's codice fiscale in one statement: a code nobody holds and a citizen
  // without a mandate cost the same query and the same empty answer.
  virtual std::optional<Mandate> active_by_codice_fiscale(const std::string& codice_fiscale,
                                                          std::int64_t organisation_id) = 0;
  // Stored-active mandates whose last day is before `today`, oldest last day first, at most `limit`.
  virtual std::vector<Mandate> past_last_day(Date today, int limit) = 0;
  // The signed form of a recorded mandate.
  virtual std::optional<std::string> document(std::int64_t mandate_id) = 0;
};

}  // namespace sportello
