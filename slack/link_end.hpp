// Why a Socket Mode link ended, in words for the log. The reader and the writer of a link each
// see its end; the words must name what ended it first, not what that did to the other side.
#pragma once

#include <chrono>
#include <string>

#include <boost/beast/core/error.hpp>

namespace incidentd::slack {

struct LinkEnd {
    boost::beast::error_code read;   // how the reader's last read ended
    boost::beast::error_code write;  // set when the writer failed to send an ack or the close
                                     // frame; it drops the link then, which ends the read with
                                     // operation_aborted, a consequence that says nothing
    bool write_was_close = false;    // the failed write was the close frame (or its handshake)
    bool close_sent = false;         // incidentd had sent its close frame
};

// "closed with a close frame", "no frame for 20000 ms despite a ping: dead link", "an ack could
// not be written (the TCP connection ended without a close frame)", … `silence` is how long a
// link may be quiet before it counts as dead.
std::string describe_link_end(const LinkEnd& end, std::chrono::milliseconds silence);

}  // namespace incidentd::slack
