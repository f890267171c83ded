// Upper bounds on measured time in the tests (issue 24). A test does not bound how fast something
// is: speed depends on the machine as much as on the code, so bench/ measures it and prints it
// beside its target. A test bounds time from above only to tell "it happens" from "it never
// happens": a wait that does not end, a connection never closed, a stop that hangs. Such a hang
// bound is a generous multiple of the time expected (5 to 10 times, or seconds), so that it holds
// on a loaded 2-core machine with a CPU hog beside the suite; each use says what it expects.
//   CHECK_THAT(took, under_hang_bound(5s));  // a failure prints the time measured and the bound
// A bound that tells two behaviours apart (paced or not, cut by one timeout or by another) is
// better made a count or an outcome; where it has to be a time, it sits as far as it can from both.
#pragma once

#include <chrono>
#include <string>

#include <catch2/catch.hpp>

namespace incidentd::test {

class UnderHangBound : public Catch::MatcherBase<std::chrono::steady_clock::duration> {
  public:
    explicit UnderHangBound(std::chrono::milliseconds bound) : bound_(bound) {}

    bool match(const std::chrono::steady_clock::duration& measured) const override {
        measured_ = measured;
        return measured < bound_;
    }
    std::string describe() const override {
        using std::chrono::duration_cast;
        using std::chrono::milliseconds;
        return "(" + std::to_string(duration_cast<milliseconds>(measured_).count()) +
               " ms) is under the hang bound of " + std::to_string(bound_.count()) + " ms";
    }

  private:
    std::chrono::milliseconds bound_;
    // What match() saw, for describe(), which Catch calls after it.
    mutable std::chrono::steady_clock::duration measured_{};
};

// Matches a measured duration shorter than `bound`, a bound that only catches a hang.
inline UnderHangBound under_hang_bound(std::chrono::milliseconds bound) {
    return UnderHangBound(bound);
}

}  // namespace incidentd::test
