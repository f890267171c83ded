// Checking a template before it is used: marker syntax, section nesting, and that every field it
// names exists where it is used (ctemplate itself would quietly render a misspelt {{TITEL}} as "").
#pragma once

#include <functional>
#include <set>
#include <string>
#include <string_view>

namespace incidentd::render {

struct CheckedTemplate {
    std::string error;  // "line 3: unknown field {{TITEL}} …"; empty when the template is good
    std::string text;   // what to give ctemplate: standalone section lines collapsed
    std::set<std::string, std::less<>> used;  // every field and section the template names
};

// A line holding nothing but section and comment markers (and blanks) disappears from the output,
// markers kept, as in Mustache; so templates can put {{#ENTRY}} on its own line without leaving
// blank lines in the Markdown. Markers open and close on one line.
CheckedTemplate check_template(std::string_view text);

}  // namespace incidentd::render
