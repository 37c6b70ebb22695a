#pragma once
// Reading order of two-column pages, from the lines of the layout.
#include <string>
#include <string_view>

#include "workers/extract/layout.hpp"

namespace tailor::extract {

// The text of page `page` (1-based) read column by column: full-width lines where they sit,
// and between them the left column then the right one. Lines end in "\n". Empty when the
// layout has no lines on that page.
std::string column_order_text(const Layout& layout, int page);

// How many times `page_text` (a page's text in another order, e.g. poppler's) runs a line of
// the left column straight into the right column's line on the same baseline — i.e. reads
// across the columns. 0 on one-column pages. Whitespace is compared loosely.
int cross_column_joins(const Layout& layout, int page, std::string_view page_text);

// The page's text in column order where `page_text` reads across the columns of a two-column
// page (cross_column_joins > 0), else `page_text` unchanged.
std::string fix_reading_order(const Layout& layout, int page, std::string_view page_text);

}  // namespace tailor::extract
