#include <doctest/doctest.h>

#include <string>

#include "common/auth/email.hpp"

using namespace tailor;
using namespace tailor::auth;

TEST_CASE("normalize_email trims and lowercases valid addresses") {
  CHECK(normalize_email("Ann.Smith@Example.COM") == std::string("ann.smith@example.com"));
  CHECK(normalize_email("  bob+jobs@mail.example.co.uk \t\n") ==
        std::string("bob+jobs@mail.example.co.uk"));
  CHECK(normalize_email("o'neil_x-y@sub-domain.example.io") ==
        std::string("o'neil_x-y@sub-domain.example.io"));
  CHECK(normalize_email("a@b.co") == std::string("a@b.co"));
  CHECK(normalize_email("user@123.example.org") == std::string("user@123.example.org"));
  CHECK(normalize_email(std::string(64, 'a') + "@example.com"));
}

TEST_CASE("normalize_email rejects what is not an address") {
  for (std::string_view bad : {
           "",
           "   ",
           "plainaddress",
           "@example.com",
           "ann@",
           "ann@@example.com",
           "ann@b@example.com",
           "ann@example",
           "ann@localhost",
           "ann@example.c",
           "ann@example.c0m",
           "ann@-example.com",
           "ann@example-.com",
           "ann@exa_mple.com",
           "ann@example..com",
           "ann@.example.com",
           "ann@example.com.",
           ".ann@example.com",
           "ann.@example.com",
           "an..n@example.com",
           "ann smith@example.com",
           "ann@exam ple.com",
           "\"ann\"@example.com",
           "ann@[127.0.0.1]",
           "ann(comment)@example.com",
           "änn@example.com",
           "ann@exämple.com",
       }) {
    CAPTURE(bad);
    auto r = normalize_email(bad);
    REQUIRE_FALSE(r);
    CHECK(r.error().code == Errc::invalid_argument);
    CHECK(r.error().message == "the e-mail address is not valid");
  }
  CHECK_FALSE(normalize_email(std::string_view("ann@example.com\0x", 17)));  // embedded NUL
  CHECK_FALSE(normalize_email(std::string(65, 'a') + "@example.com"));       // local part > 64
  std::string label(63, 'b');
  std::string long_domain = label + "." + label + "." + label + "." + std::string(57, 'c') + ".com";
  CHECK_FALSE(normalize_email("a@" + long_domain));                    // > 254 in all
  CHECK_FALSE(normalize_email("a@" + std::string(64, 'b') + ".com"));  // label > 63
}
