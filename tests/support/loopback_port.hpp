// A free port on 127.0.0.1, for a server whose URL must be known before it starts.
#pragma once

namespace incidentd::test {

// A port nothing listens on right now: bound to port 0, read, closed. The emulator must know
// incidentd's URL before incidentd starts, so the port is chosen first.
unsigned short reserve_loopback_port();

}  // namespace incidentd::test
