// Boost.URL 1.81 ships as sources to compile once per program; this is that one place.
#include <boost/url/src.hpp>
