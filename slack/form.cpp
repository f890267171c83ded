#include "slack/form.hpp"

#include <boost/url/encode.hpp>
#include <boost/url/params_view.hpp>
#include <boost/url/parse_query.hpp>
#include <boost/url/rfc/unreserved_chars.hpp>

namespace incidentd::slack {

std::optional<FormFields> parse_form(std::string_view body) {
    // Boost.URL 1.81's parse_query sizes the view it returns with strlen(body.data()), reading
    // past a body that is not NUL-terminated. A terminated copy ends where the body does, since
    // the grammar refuses NUL bytes before that happens.
    const std::string terminated{body};
    auto query =
        boost::urls::parse_query(boost::urls::string_view(terminated.data(), terminated.size()));
    if (!query) return std::nullopt;
    boost::urls::encoding_opts opts;
    opts.space_as_plus = true;
    FormFields fields;
    for (const auto& param : boost::urls::params_view(*query, opts)) {
        if (param.key.empty()) continue;
        fields.emplace(std::string(param.key), std::string(param.value));
    }
    return fields;
}

std::string encode_form(const std::vector<std::pair<std::string, std::string>>& fields) {
    boost::urls::encoding_opts opts;
    opts.space_as_plus = true;
    std::string out;
    for (const auto& [key, value] : fields) {
        if (!out.empty()) out += '&';
        out += boost::urls::encode(key, boost::urls::unreserved_chars, opts);
        out += '=';
        out += boost::urls::encode(value, boost::urls::unreserved_chars, opts);
    }
    return out;
}

}  // namespace incidentd::slack
