#include "common/db/audit.hpp"

#include "common/db/arrays.hpp"

namespace tailor::db {

void audit(soci::session& s, const std::vector<AuditEntry>& entries) {
  if (entries.empty()) return;
  std::vector<std::string> users, actions, subjects, requests;
  for (const auto& e : entries) {
    users.push_back(e.user_id.value_or(""));
    actions.push_back(e.action);
    subjects.push_back(e.subject_id.value_or(""));
    requests.push_back(e.request_id);
  }
  const std::string a_users = array_literal(users), a_actions = array_literal(actions),
                    a_subjects = array_literal(subjects), a_requests = array_literal(requests);
  s << "INSERT INTO audit_log (user_id, action, subject_id, request_id) "
       "SELECT nullif(u, '')::uuid, a, nullif(sub, '')::uuid, r "
       "FROM unnest(:u::text[], :a::text[], :s::text[], :r::text[]) AS t(u, a, sub, r)",
      soci::use(a_users), soci::use(a_actions), soci::use(a_subjects), soci::use(a_requests);
}

}  // namespace tailor::db
