#pragma once
// The audit trail: who did what to which record, written in the same transaction as the deed.
// Ids and action names only; never personal data (no e-mails, no file names).
#include <soci/soci.h>

#include <optional>
#include <string>
#include <vector>

namespace tailor::db {

struct AuditEntry {
  std::optional<std::string> user_id;
  std::string action;  // "user.register", "auth.login", "auth.login_failed", "resume.delete", ...
  std::optional<std::string> subject_id;
  std::string request_id;
};

// One statement for any number of entries.
void audit(soci::session& s, const std::vector<AuditEntry>& entries);
inline void audit(soci::session& s, const AuditEntry& e) { audit(s, std::vector<AuditEntry>{e}); }

}  // namespace tailor::db
