#include "store/verify.hpp"

#include <SQLiteCpp/Statement.h>

#include "store/entries.hpp"
#include "store/incidents.hpp"
#include "store/store_error.hpp"

namespace incidentd::store {

StoredRecord read_record(SQLite::Database& db, std::int64_t number) {
    auto incident = find_incident(db, number);
    if (!incident)
        throw StoreError(core::incident_id(number) +
                         " does not exist; check the number with `incidentd list`");
    StoredRecord record{std::move(*incident), entries(db, number), {}, seals(db, number)};
    SQLite::Statement head_row(db, "SELECT seq, hash FROM chain_heads WHERE incident = :incident");
    head_row.bind(":incident", number);
    if (head_row.executeStep())
        record.head = {head_row.getColumn(0).getInt64(), head_row.getColumn(1).getString()};
    return record;
}

core::RecordCheck verify(const StoredRecord& record, const core::PublicKey* key) {
    std::vector<core::Seal> sealed;
    sealed.reserve(record.seals.size());
    for (const StoredSeal& s : record.seals)
        sealed.push_back(s.seal);
    return core::check_record(record.chain, record.head, record.incident, sealed, key);
}

core::RecordCheck verify(SQLite::Database& db, std::int64_t number, const core::PublicKey* key) {
    return verify(read_record(db, number), key);
}

}  // namespace incidentd::store
