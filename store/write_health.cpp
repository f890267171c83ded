// Telling the storage's failures from a request's own.
#include "store/write_health.hpp"

#include <sqlite3.h>

#include <SQLiteCpp/Exception.h>

namespace incidentd::store {

bool is_storage_failure(const std::exception& error) {
    const auto* sqlite = dynamic_cast<const SQLite::Exception*>(&error);
    if (!sqlite) return false;
    switch (sqlite->getErrorCode() & 0xff) {
        case SQLITE_FULL:
        case SQLITE_IOERR:
        case SQLITE_CORRUPT:
        case SQLITE_NOTADB:
        case SQLITE_CANTOPEN:
        case SQLITE_READONLY:
        case SQLITE_PROTOCOL:
            return true;
        default:
            return false;
    }
}

std::string storage_failure(std::exception_ptr error) {
    try {
        std::rethrow_exception(error);
    } catch (const std::exception& e) {
        return is_storage_failure(e) ? e.what() : "";
    } catch (...) {
        return "";
    }
}

std::string what_of(std::exception_ptr error) {
    try {
        std::rethrow_exception(error);
    } catch (const std::exception& e) {
        return e.what();
    } catch (...) {
        return "an unknown error";
    }
}

}  // namespace incidentd::store
