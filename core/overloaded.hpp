// The visitor helper for std::visit over a std::variant: one lambda per alternative.
#pragma once

namespace incidentd::core {

template <class... F>
struct overloaded : F... {
    using F::operator()...;
};
// Clang before 17 does not deduce an aggregate's template arguments without a guide.
template <class... F>
overloaded(F...) -> overloaded<F...>;

}  // namespace incidentd::core
