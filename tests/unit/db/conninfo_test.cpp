#include <doctest/doctest.h>

#include "common/db/conninfo.hpp"

using tailor::db::to_conninfo;

TEST_CASE("a postgresql:// URL becomes libpq key=value pairs") {
  CHECK(to_conninfo("postgresql://postgres@127.0.0.1:55433/tailor").value() ==
        "user='postgres' host='127.0.0.1' port='55433' dbname='tailor'");
  CHECK(to_conninfo("postgres://u:p%40ss@db.example/app?sslmode=require&application_name=api").value() ==
        "user='u' password='p@ss' host='db.example' dbname='app' sslmode='require' application_name='api'");
  CHECK(to_conninfo("postgresql://[::1]:5432/x").value() == "host='::1' port='5432' dbname='x'");
}

TEST_CASE("quotes and backslashes in values are escaped") {
  CHECK(to_conninfo("postgresql://u:a'b%5Cc@h/d").value() == "user='u' password='a\\'b\\\\c' host='h' dbname='d'");
}

TEST_CASE("key=value strings pass through; malformed URLs are refused") {
  CHECK(to_conninfo("host=/tmp dbname=x").value() == "host=/tmp dbname=x");
  CHECK_FALSE(to_conninfo("postgresql://h:port/d"));
  CHECK_FALSE(to_conninfo("postgresql://h/d%zz"));
  CHECK_FALSE(to_conninfo("postgresql://h/d?novalue"));
}
