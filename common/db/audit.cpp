#include "common/db/audit.hpp"

namespace tailor::db {

void audit(soci::session& s, const AuditEntry& e) {
  const std::string user = e.user_id.value_or(""), subject = e.subject_id.value_or("");
  soci::indicator user_ind = e.user_id ? soci::i_ok : soci::i_null;
  soci::indicator subject_ind = e.subject_id ? soci::i_ok : soci::i_null;
  s << "INSERT INTO audit_log (user_id, action, subject_id, request_id) "
       "VALUES (:u::uuid, :a, :s::uuid, :r)",
      soci::use(user, user_ind), soci::use(e.action), soci::use(subject, subject_ind), soci::use(e.request_id);
}

}  // namespace tailor::db
