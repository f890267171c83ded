// Record verification: the store supplies the entries, core decides whether the chain holds.
#include "store/verify.hpp"

#include <SQLiteCpp/Statement.h>

#include <vector>

#include "store/entries.hpp"
#include "store/incidents.hpp"
#include "store/store_error.hpp"

namespace incidentd::store {

Verification verify(SQLite::Database& db, std::int64_t number) {
    if (!find_incident(db, number))
        throw StoreError(core::incident_id(number) +
                         " does not exist; check the number with `incidentd list`");
    const std::vector<core::Entry> record = entries(db, number);
    SQLite::Statement head_row(db, "SELECT seq, hash FROM chain_heads WHERE incident = :incident");
    head_row.bind(":incident", number);
    core::ChainHead head;  // no row: nothing was ever appended
    if (head_row.executeStep())
        head = {head_row.getColumn(0).getInt64(), head_row.getColumn(1).getString()};
    return Verification{static_cast<std::int64_t>(record.size()), core::verify_chain(record, head)};
}

}  // namespace incidentd::store
