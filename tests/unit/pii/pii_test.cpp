// pii::detect / pii::redact: each kind of personal data, what must not be taken for it, and the
// placeholders.
#include <doctest/doctest.h>

#include <algorithm>
#include <initializer_list>
#include <string>
#include <string_view>

#include "workers/analyze/pii/pii.hpp"

namespace pii = tailor::analyze::pii;
using pii::Kind;

namespace {

std::string redacted(std::string_view text, const pii::Hints& hints = {}) {
  return pii::redact(text, hints).text;
}

// "value -> placeholder" for each finding, the value as the span's offset and length cut it
// from the original text; "; " between them.
std::string found(std::string_view text, const pii::Hints& hints = {}) {
  std::string out;
  for (const auto& s : pii::detect(text, hints)) {
    if (!out.empty()) out += "; ";
    out += std::string(text.substr(s.offset, s.length)) + " -> " + s.placeholder;
  }
  return out;
}

// What found() should print: Found{"a -> [X]", "b -> [Y]"}.
struct Found : std::string {
  Found() = default;
  Found(std::initializer_list<std::string_view> parts) {
    for (const auto part : parts) {
      if (!empty()) append("; ");
      append(part);
    }
  }
};

}  // namespace

TEST_CASE("every kind has a name") {
  CHECK(pii::to_string(Kind::name) == "name");
  CHECK(pii::to_string(Kind::email) == "email");
  CHECK(pii::to_string(Kind::phone) == "phone");
  CHECK(pii::to_string(Kind::address) == "address");
  CHECK(pii::to_string(Kind::url) == "url");
  CHECK(pii::to_string(Kind::date_of_birth) == "date_of_birth");
  CHECK(pii::to_string(Kind::national_id) == "national_id");
  CHECK(pii::to_string(Kind::card) == "card");
  CHECK(pii::to_string(Kind::iban) == "iban");
}

TEST_CASE("an empty text has nothing to redact") {
  CHECK(pii::detect("").empty());
  CHECK(redacted("") == "");
}

TEST_CASE("a whole résumé header and body") {
  const std::string text =
      "Jane A. Smith\n"
      "Senior Software Engineer\n"
      "221B Baker St., Apt 4, London | +44 20 7946 0958 | jane.smith@example.com\n"
      "linkedin.com/in/jane-smith | janesmith.dev\n"
      "\n"
      "Summary\n"
      "Jane builds data platforms in Python, Java and Go. Smith led 4 teams.\n"
      "\n"
      "Experience\n"
      "Acme Corp, Chicago, IL  2019-2021\n"
      "- Migrated billing to React and Excel reports; see www.acme.com for the product.\n"
      "- Reach me at (312) 555-0123 or jane.smith@example.com.\n"
      "\n"
      "Education\n"
      "University of Chicago, GPA 3.8/4.0, 2015\n"
      "\n"
      "References\n"
      "John Doe, Manager at Acme Corp\n";
  CHECK(redacted(text) ==
        "[NAME]\n"
        "Senior Software Engineer\n"
        "[ADDRESS_1], London | [PHONE_1] | [EMAIL_1]\n"
        "[URL_1] | [URL_2]\n"
        "\n"
        "Summary\n"
        "[NAME] builds data platforms in Python, Java and Go. [NAME] led 4 teams.\n"
        "\n"
        "Experience\n"
        "Acme Corp, Chicago, IL  2019-2021\n"
        "- Migrated billing to React and Excel reports; see www.acme.com for the product.\n"
        "- Reach me at [PHONE_2] or [EMAIL_1].\n"
        "\n"
        "Education\n"
        "University of Chicago, GPA 3.8/4.0, 2015\n"
        "\n"
        "References\n"
        "[NAME_2], Manager at Acme Corp\n");
}

TEST_CASE("spans point at the original values, in order, without overlaps") {
  const std::string text = "Jane Smith\njane@example.com, (312) 555-0123\nSSN 123-45-6789\n";
  const auto spans = pii::detect(text);
  CHECK(found(text) == Found{"Jane Smith -> [NAME]", "jane@example.com -> [EMAIL_1]",
                             "(312) 555-0123 -> [PHONE_1]", "123-45-6789 -> [NATIONAL_ID_1]"});
  for (std::size_t i = 1; i < spans.size(); ++i)
    CHECK(spans[i - 1].offset + spans[i - 1].length <= spans[i].offset);
  CHECK(spans[0].kind == Kind::name);
  CHECK(spans[1].kind == Kind::email);
  CHECK(spans[2].kind == Kind::phone);
  CHECK(spans[3].kind == Kind::national_id);
  const auto out = redacted(text);
  for (const auto value : {"Jane", "Smith", "jane@", "555-0123", "6789"})
    CHECK_MESSAGE(out.find(value) == std::string::npos, std::string(value));
}

TEST_CASE("placeholders are stable within a document and numbered by first appearance") {
  const std::string text =
      "b@example.org wrote to a@example.org; a@example.org answered b@example.org.\n"
      "Call 312-555-0199, then (312) 555-0123, then 312.555.0199 again.";
  CHECK(redacted(text) ==
        "[EMAIL_1] wrote to [EMAIL_2]; [EMAIL_2] answered [EMAIL_1].\n"
        "Call [PHONE_1], then [PHONE_2], then [PHONE_1] again.");
  // Case does not make another address.
  CHECK(redacted("Jane@Example.com or jane@example.com") == "[EMAIL_1] or [EMAIL_1]");
}

TEST_CASE("e-mail addresses") {
  CHECK(redacted("Email: Romeo.O'Connell@yahoo.com.") == "Email: [EMAIL_1].");
  CHECK(redacted("first.last+cv@mail.example.co.uk") == "[EMAIL_1]");
  CHECK(redacted("write to jane at example dot com") == "write to [EMAIL_1]");
  CHECK(redacted("jane.doe[at]gmail[dot]com") == "[EMAIL_1]");
  CHECK(redacted("jane (at) example (dot) org") == "[EMAIL_1]");
  SUBCASE("not addresses") {
    for (const auto text :
         {"jane@localhost", "@example.com", "jane@.com", "jane@example.c", "jane@-example.com",
          "Engineer at Google since 2019", "worked at Amazon.com for years", "C# @ 2x speed"})
      CHECK_MESSAGE(found(text) == Found{}, std::string(text));
  }
}

TEST_CASE("phone numbers in US and international formats") {
  CHECK(found("Phone: (312) 555-0123") == Found{"(312) 555-0123 -> [PHONE_1]"});
  CHECK(found("312.555.0123 | 312-555-0123 | 312 555 0123") == Found{"312.555.0123 -> [PHONE_1]",
                                                                     "312-555-0123 -> [PHONE_1]",
                                                                     "312 555 0123 -> [PHONE_1]"});
  CHECK(found("+1 312 555 0123") == Found{"+1 312 555 0123 -> [PHONE_1]"});
  CHECK(found("London +44 20 7946 0958") == Found{"+44 20 7946 0958 -> [PHONE_1]"});
  CHECK(found("Mobile +91 98765 43210") == Found{"+91 98765 43210 -> [PHONE_1]"});
  CHECK(found("Tel: 0123 345 7890") == Found{"0123 345 7890 -> [PHONE_1]"});
  CHECK(found("M: 0405 629 312 / 03 9677 7170") ==
        Found{"0405 629 312 -> [PHONE_1]", "03 9677 7170 -> [PHONE_2]"});
  CHECK(found("Chicago, IL 60614 (312) 555-0123") == Found{"(312) 555-0123 -> [PHONE_1]"});
  // Fictional 555-01xx numbers are not valid numbers, and are redacted all the same.
  CHECK(found("(123) 345-7890 and 212-555-0142") ==
        Found{"(123) 345-7890 -> [PHONE_1]", "212-555-0142 -> [PHONE_2]"});
}

TEST_CASE("dates, years, grades, zip codes, amounts and ids are not phones") {
  for (const auto text : {"Acme Corp 2019-2021",
                          "2019 - 2021",
                          "(2010 2013)",
                          "2013 2016 2012",
                          "20122016",
                          "GPA 3.8/4.0",
                          "Chicago, IL 60614",
                          "grew revenue 35%",
                          "budget of $1,250,000",
                          "budget of $4,500,000.00",
                          "12/09/1985",
                          "1990-03-02",
                          "10.04.1978",
                          "v2.3.14",
                          "ISBN 978-3-16-148410-0",
                          "doi:10.1123/34547890.2123.456789",
                          "Employee #1234567",
                          "grant ACI-1448123",
                          "Windows 2000/2003",
                          "Page 2 of 3"})
    CHECK_MESSAGE(found(text) == Found{}, std::string(text));
  // A Kenyan P.O. Box carries its postal code.
  CHECK(found("P.O. Box 43123-456789") == Found{"P.O. Box 43123 -> [ADDRESS_1]"});
}

TEST_CASE("street addresses without the city") {
  CHECK(redacted("1 Main Street, Springfield, IL 62701") == "[ADDRESS_1], Springfield, IL 62701");
  CHECK(redacted("221B Baker St., Apt 4, London") == "[ADDRESS_1], London");
  CHECK(redacted("123 N. Elm Ave Suite 200, Dallas") == "[ADDRESS_1], Dallas");
  CHECK(redacted("2501 N. Blackwelder Ave. #466 Oklahoma City") == "[ADDRESS_1] Oklahoma City");
  CHECK(redacted("525 West 120th Street, New York") == "[ADDRESS_1], New York");
  CHECK(redacted("Flat 5a, 26 Gistock Street, Aberdeen") == "[ADDRESS_1], Aberdeen");
  CHECK(redacted("42, rue Manin, 75019 Paris") == "[ADDRESS_1], 75019 Paris");
  CHECK(redacted("P.O. Box 12, Hull") == "[ADDRESS_1], Hull");
  CHECK(redacted("PO Box 407") == "[ADDRESS_1]");
  CHECK(redacted("Post Office Box 5101") == "[ADDRESS_1]");
  SUBCASE("not addresses") {
    for (const auto text :
         {"3 years of experience", "won 3 First Place awards", "Top 10 Court cases", "Chicago, IL",
          "managed 12 Main projects", "$5 Street food"})
      CHECK_MESSAGE(found(text) == Found{}, std::string(text));
  }
}

TEST_CASE("profile URLs, and any URL in the contact block") {
  CHECK(
      found("Jane Smith\nhttps://www.linkedin.com/in/jane-smith/ | github.com/jsmith | @jsmith") ==
      Found{"Jane Smith -> [NAME]", "https://www.linkedin.com/in/jane-smith/ -> [URL_1]",
            "github.com/jsmith -> [URL_2]", "@jsmith -> [URL_3]"});
  CHECK(found("Jane Smith\nPortfolio: janesmith.dev\n") ==
        Found{"Jane Smith -> [NAME]", "janesmith.dev -> [URL_1]"});
  const std::string body =
      "Summary\nBuilt things.\n"
      "Experience\nAcme (www.acme.com, https://acme.io/careers)\n"
      "Open source at https://github.com/jsmith/tool and twitter.com/jsmith.\n"
      "Website: https://me.example.net\n"
      "Used Node.js, ASP.NET and socket.io; see github.com for details.\n";
  CHECK(redacted(body) ==
        "Summary\nBuilt things.\n"
        "Experience\nAcme (www.acme.com, https://acme.io/careers)\n"
        "Open source at [URL_1] and [URL_2].\n"
        "Website: [URL_3]\n"
        "Used Node.js, ASP.NET and socket.io; see github.com for details.\n");
  // linkedin.com/in/jane-smith and LinkedIn.com/in/Jane-Smith are one profile.
  CHECK(redacted("Summary\nlinkedin.com/in/jane-smith\nSee LinkedIn.com/in/Jane-Smith/") ==
        "Summary\n[URL_1]\nSee [URL_1]");
}

TEST_CASE("dates of birth behind a cue, and no other dates") {
  CHECK(found("DOB: 01/02/1990") == Found{"01/02/1990 -> [DOB]"});
  CHECK(found("D.O.B. 1990-03-02") == Found{"1990-03-02 -> [DOB]"});
  CHECK(found("Date of birth 2 March 1990") == Found{"2 March 1990 -> [DOB]"});
  CHECK(found("Date of Birth:\n  July 8, 1952") == Found{"July 8, 1952 -> [DOB]"});
  CHECK(found("Born 1990-03-02") == Found{"1990-03-02 -> [DOB]"});
  CHECK(found("Born in Canada, 20 November 1987") == Found{"20 November 1987 -> [DOB]"});
  CHECK(found("Birth Date: 3rd May 1989") == Found{"3rd May 1989 -> [DOB]"});
  CHECK(found("Acme Corp, 01/02/2019 to 03/04/2021; started 2 March 1990") == Found{});
  CHECK(found("Date of Birth: Address: Telephone: Marital Status: single") == Found{});
}

TEST_CASE("US Social Security numbers under the SSA's rules") {
  CHECK(found("SSN: 123-45-6789") == Found{"123-45-6789 -> [NATIONAL_ID_1]"});
  CHECK(found("id 123-45-6789") == Found{"123-45-6789 -> [NATIONAL_ID_1]"});
  CHECK(found("Social Security No. 123456789") == Found{"123456789 -> [NATIONAL_ID_1]"});
  CHECK(found("SSN 123 45 6789") == Found{"123 45 6789 -> [NATIONAL_ID_1]"});
  for (const auto text :
       {"SSN 000-12-3456", "SSN 666-12-3456", "SSN 912-34-5678", "SSN 123-00-4567",
        "SSN 123-45-0000", "order 123456789", "SSN 1234-56-789"})
    CHECK_MESSAGE(found(text) == Found{}, std::string(text));
  CHECK(redacted("SSN 123-45-67890").find("NATIONAL_ID") == std::string::npos);
}

TEST_CASE("card numbers pass the Luhn check") {
  CHECK(found("Visa 4111 1111 1111 1111") == Found{"4111 1111 1111 1111 -> [CARD_1]"});
  CHECK(found("4111-1111-1111-1111") == Found{"4111-1111-1111-1111 -> [CARD_1]"});
  CHECK(found("Amex 378282246310005.") == Found{"378282246310005 -> [CARD_1]"});
  CHECK(found("4111 1111 1111 1112") == Found{});  // Luhn fails
  CHECK(found("4111 1111-1111 1111") == Found{});  // mixed separators: not one number
}

TEST_CASE("IBANs with the country's length and a mod-97 check") {
  CHECK(found("IBAN: GB82 WEST 1234 5698 7654 32") ==
        Found{"GB82 WEST 1234 5698 7654 32 -> [IBAN_1]"});
  CHECK(found("DE89370400440532013000") == Found{"DE89370400440532013000 -> [IBAN_1]"});
  CHECK(found("GB82 WEST 1234 5698 7654 33") == Found{});  // wrong check digits
  CHECK(found("DE8937040044053201300") == Found{});        // one character short
  CHECK(found("GB82WEST12345698765432 and GB82 WEST 1234 5698 7654 32") ==
        Found{"GB82WEST12345698765432 -> [IBAN_1]", "GB82 WEST 1234 5698 7654 32 -> [IBAN_1]"});
}

TEST_CASE("the owner's name from the first line: every occurrence, and its parts alone") {
  const std::string text =
      "Jane Smith\nData Engineer\n\nSummary\nJANE SMITH, known as Jane, ships pipelines; smith's "
      "code is reviewed by Smith herself. Jane Smith, PhD.\n";
  CHECK(redacted(text) ==
        "[NAME]\nData Engineer\n\nSummary\n[NAME], known as [NAME], ships pipelines; [NAME]'s "
        "code is reviewed by [NAME] herself. [NAME], PhD.\n");
}

TEST_CASE("name lines in the forms résumés use") {
  CHECK(redacted("JANE SMITH\nEngineer\nJane") == "[NAME]\nEngineer\n[NAME]");
  CHECK(redacted("Smith, Jane\nEngineer\nJane and Smith") ==
        "[NAME], [NAME]\nEngineer\n[NAME] and [NAME]");
  CHECK(redacted("Curriculum Vitae\nJane Smith\nEngineer") == "Curriculum Vitae\n[NAME]\nEngineer");
  CHECK(redacted("RESUME OF Jane Smith\nEngineer") == "RESUME OF [NAME]\nEngineer");
  CHECK(redacted("Name: Jane Smith\nJane") == "Name: [NAME]\n[NAME]");
  CHECK(redacted("Name:\nJane Smith\n") == "Name:\n[NAME]\n");
  // A form whose labels stand in one column and the values in the next.
  const std::string form =
      "Curriculum Vitae\n  Name:\n  Born:\n  Marital Status:\n   1.\n  Oskar Lindqvist\n"
      "  Uppsala, 1980\n  Married\nOskar";
  CHECK(redacted(form) ==
        "Curriculum Vitae\n  Name:\n  Born:\n  Marital Status:\n   1.\n  [NAME]\n  Uppsala, 1980\n"
        "  Married\n[NAME]");
  // The name is still found when the values start further down than the top lines reach.
  CHECK(redacted("A\nB\nC\nD\nE\nF\nG\n" + form).ends_with("[NAME]"));
  CHECK(redacted("Jane A. Smith, MBA\nSmith") == "[NAME], MBA\n[NAME]");
  CHECK(redacted("Ludwig van Beethoven\nBeethoven") == "[NAME]\n[NAME]");
  CHECK(redacted("Mary-Jane O'Neil | Designer\nMary-Jane wrote it") ==
        "[NAME] | Designer\n[NAME] wrote it");
  CHECK(redacted("Zoë Müller-Lüdenscheidt\nMüller-Lüdenscheidt") == "[NAME]\n[NAME]");
  CHECK(redacted("Hal Doyle    123 Main St.\nDoyle") == "[NAME]    [ADDRESS_1]\n[NAME]");
  CHECK(redacted("Allen Neal King ESB Integration Developer - Cisco\nReviewed by King and Neal") ==
        "[NAME] ESB Integration Developer - Cisco\nReviewed by [NAME] and [NAME]");
}

TEST_CASE("headings, titles and document words are not names") {
  for (const auto text :
       {"Curriculum Vitae\nSoftware Engineer\n", "Resume\nSummary\n",
        "Senior Software Engineer\nJava Developer\n", "Music Producer Resume Template\n",
        "Professional Summary\nBuilt things.\n", "Work Experience\nAcme Corp\n",
        "Career Objective: Seeking a position\n", "Chicago, IL 60614\n"})
    CHECK_MESSAGE(found(text) == Found{}, std::string(text));
  // The name comes after a title line.
  CHECK(found("Music Producer Resume Template\nPeter Gutierrez\n") ==
        Found{"Peter Gutierrez -> [NAME]"});
}

TEST_CASE("the parser's names come first and add to what the text shows") {
  pii::Hints hints;
  hints.names = {"Jane Smith"};
  // No name line at the top: the hint alone finds her.
  CHECK(redacted("Summary\nJane led the team; Smith wrote the code.", hints) ==
        "Summary\n[NAME] led the team; [NAME] wrote the code.");
  // A header that disagrees with the hint is not taken for her name.
  CHECK(redacted("Bangalore Tavarekere\nSummary\nJane Smith in Bangalore", hints) ==
        "Bangalore Tavarekere\nSummary\n[NAME] in Bangalore");
  // One that agrees adds its parts ("A.").
  CHECK(redacted("Jane Alice Smith\nAlice", hints) == "[NAME]\n[NAME]");
}

TEST_CASE("a hint that does not read as a name gives way to the header's name") {
  // The parser took a skill line, or a place with an abbreviation, for the name.
  for (const auto hint : {"Excellent Python", "North Vill."}) {
    pii::Hints hints;
    hints.names = {hint};
    CHECK_MESSAGE(redacted("Maria Lopez\nNorth Vill., Springfield\nSummary\nExcellent Python "
                           "skills. Maria ships.",
                           hints) ==
                      "[NAME]\nNorth Vill., Springfield\nSummary\nExcellent Python "
                      "skills. [NAME] ships.",
                  hint);
  }
  // Without a name in the header it stays the person, but only as a whole and where it is
  // written as a name: "Ruby" alone is the language.
  pii::Hints hints;
  hints.names = {"Sunita Devi Ruby"};
  CHECK(redacted("Summary\nSunita Devi Ruby wrote it in Ruby; Sunita agreed. sunita devi ruby",
                 hints) == "Summary\n[NAME] wrote it in Ruby; Sunita agreed. sunita devi ruby");
  hints.names = {"Active Directory"};
  CHECK(redacted("Summary\nRan Windows Active Directory.", hints) ==
        "Summary\nRan Windows Active Directory.");
}

TEST_CASE("a name glued to a field label or to a stray letter is still the name") {
  // Flattened text loses the line break between a name and the next field.
  CHECK(redacted("Lena Okafor\nAnalyst\nPersonal Details\nName: Lena OkaforPhone: on request") ==
        "[NAME]\nAnalyst\nPersonal Details\nName: [NAME]Phone: on request");
  CHECK(redacted("Name: Tomasz WieczorekEmail: on request\nSummary\nTomasz led.") ==
        "Name: [NAME]Email: on request\nSummary\n[NAME] led.");
  // The owner's full name with a letter or a word run into one end of it.
  CHECK(redacted("Irene Vasquez Holt\nPlanner\n\nJIrene Vasquez Holt\nPage 2") ==
        "[NAME]\nPlanner\n\nJ[NAME]\nPage 2");
  CHECK(redacted("Irene Vasquez Holt\nPlanner\nIrene Vasquez HoltPage 2") ==
        "[NAME]\nPlanner\n[NAME]Page 2");
  // Words that only look glued stay whole, and so does a part of the name alone.
  CHECK(redacted("Donald Reyes\nChef\nRan a McDonald's; built a SmartPhone: app; uses iPhone") ==
        "[NAME]\nChef\nRan a McDonald's; built a SmartPhone: app; uses iPhone");
  CHECK(redacted("Donald Reyes\nChef\nReyesPage") == "[NAME]\nChef\nReyesPage");
}

TEST_CASE("a name line that heads contact details or a page is a person's") {
  // A résumé below a page of other text: its name heads the contact lines.
  CHECK(redacted("Objective\nA sales role.\n\nMarta Kowalczyk\n14 Elm Row, Springfield\n"
                 "Phone: 555 201 3344\nExperience\nMarta sells.") ==
        "Objective\nA sales role.\n\n[NAME]\n[ADDRESS_1], Springfield\n"
        "Phone: [PHONE_1]\nExperience\n[NAME] sells.");
  // A first page without the name: the next page's running header has it.
  CHECK(
      redacted("Experience\nLed the team.\nTomas Berg\nExperience (Cont.)\nBuilt it; Berg did.") ==
      "Experience\nLed the team.\n[NAME]\nExperience (Cont.)\nBuilt it; [NAME] did.");
  CHECK(redacted("Experience\nLed the team.\nTomas Berg\nPage 2 of 2\nBuilt it.") ==
        "Experience\nLed the team.\n[NAME]\nPage 2 of 2\nBuilt it.");
  // A pack of résumés: the second one's owner is another person.
  CHECK(redacted("Ana Lima\nSummary\nSells.\n\nRui Costa\nrui.costa@example.com\nSummary\n") ==
        "[NAME]\nSummary\nSells.\n\n[NAME_2]\n[EMAIL_1]\nSummary\n");
  // Not names: a line that goes on after the words, the last line of page 1, a long number.
  for (const auto text : {"Ana Lima\nExperience\nGenos Steakhouse, Wayne\nTel: 555 201 3344\n",
                          "Ana Lima\nAwards\nHarbor Lights Gala\nPage 1 of 2\n",
                          "Ana Lima\nPatents\nSignal Routing\nUS Patent 1234567890123\n"}) {
    const auto spans = pii::detect(text);
    const auto names = std::count_if(spans.begin(), spans.end(),
                                     [](const pii::Span& s) { return s.kind == Kind::name; });
    CHECK_MESSAGE(names == 1, text);
  }
}

TEST_CASE("other people's names: references, honorifics, degrees") {
  const std::string text =
      "Jane Smith\nEngineer\n\nExperience\nWorked with Prof. Ashutosh Saxena on PlanIt; "
      "supervised by Logan Lueilwitz, Ph.D., and again by Dr. Ashutosh Saxena.\n\n"
      "References\nJohn Doe, Manager at Acme\nMary Major\nSenior Director, Initech\n";
  CHECK(redacted(text) ==
        "[NAME]\nEngineer\n\nExperience\nWorked with Prof. [NAME_2] on PlanIt; "
        "supervised by [NAME_3], Ph.D., and again by Dr. [NAME_2].\n\n"
        "References\n[NAME_4], Manager at Acme\n[NAME_5]\nSenior Director, Initech\n");
  CHECK(redacted("Jane Smith\nReferences: John Doe, Manager at X") ==
        "[NAME]\nReferences: [NAME_2], Manager at X");
  // A referee's title and employer on the lines below the name are not people.
  CHECK(redacted("Jane Smith\nReferences\nMr Ivo Petrov\nDeputy Registrar\nComputers R Us\n") ==
        "[NAME]\nReferences\nMr [NAME_2]\nDeputy Registrar\nComputers R Us\n");
  // A referee who is the owner again is [NAME].
  CHECK(redacted("Jane Smith\nReferences\nMrs Jane Smith, self") ==
        "[NAME]\nReferences\nMrs [NAME], self");
  // "MS Access" is software; an organisation in the references stays.
  CHECK(
      redacted("Jane Smith\nSkills: MS Access, MS-Word\nReferences\nPrinceton Primary School\n") ==
      "[NAME]\nSkills: MS Access, MS-Word\nReferences\nPrinceton Primary School\n");
  // "Boston, MA" and "Baltimore County Public Schools, MD" are places.
  CHECK(
      found("Summary\nTaught at Baltimore County Public Schools, MD and in Greater Boston, MA.") ==
      Found{});
}

TEST_CASE("skills, companies, universities, cities and titles survive") {
  const std::string text =
      "Jane Smith\nSoftware Engineer\n\nSkills\nPython, Java, React, Go, Excel, SQL, C++, Node.js\n"
      "Experience\nGoogle, Mountain View, CA - Senior Software Engineer\n"
      "Education\nStanford University, BS Computer Science\n";
  const auto out = redacted(text);
  CHECK(out == "[NAME]" + text.substr(10));
}

TEST_CASE("a name that is also a word is the person only where it reads as a name") {
  const std::string text =
      "Grace Hopper\nSummary\nGrace wrote compilers with grace. Thanks to Grace, COBOL shipped.\n";
  CHECK(redacted(text) ==
        "[NAME]\nSummary\nGrace wrote compilers with grace. Thanks to [NAME], COBOL shipped.\n");
  CHECK(redacted("Will Stokes\nI will relocate. Will travel.\nStokes and Will, again") ==
        "[NAME]\nI will relocate. Will travel.\n[NAME] and [NAME], again");
  CHECK(redacted("Dillon West\nKolkata, West Bengal. Dillon") ==
        "[NAME]\nKolkata, West Bengal. [NAME]");
}

TEST_CASE("a name that is also a skill stays where it is the skill") {
  CHECK(redacted("Ruby Chen\nSkills: Ruby, Rails, Go\nRuby Chen built it; Chen led.") ==
        "[NAME]\nSkills: Ruby, Rails, Go\n[NAME] built it; [NAME] led.");
}
