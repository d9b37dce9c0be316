#pragma once
// What every binding file shares: pybind11, numpy views and copies. No box headers: each box's binding files
// include only their own box (python/src/<box>/box.hpp).
#include <pybind11/pybind11.h>
#include <pybind11/eigen.h>
#include <pybind11/native_enum.h>
#include <pybind11/numpy.h>
#include <pybind11/stl.h>
#include <pybind11/stl/filesystem.h>

#include <cstdint>
#include <set>
#include <string>
#include <string_view>

#include "healthyplaces/base/cancel.hpp"
#include "healthyplaces/base/error.hpp"
#include "healthyplaces/base/params.hpp"

namespace py = pybind11;

// ---- integer options: seed, threads, counts -------------------------------------------------------------
// A binding takes `Seed seed`, `Threads threads` or `Count<"n_resamples", 1> n_resamples` instead of a bare
// integer: the converter below accepts a Python int or numpy integer (never a bool, float, None or string) and
// checks the range with the rule of healthyplaces/base/params.hpp, so a bad value is one DomainError line
// naming the parameter and its allowed range (pybind11 translates exceptions thrown while loading
// arguments) instead of pybind11's "incompatible function arguments" and its signature dump. The stubs
// show `int`. Each wrapper converts implicitly to the integer type the C++ options hold.

/// A parameter name usable as a template argument: Count<"n_sims", 1>.
template <std::size_t N>
struct ParamName {
    char text[N]{};
    constexpr ParamName(const char (&s)[N]) {  // NOLINT: implicit on purpose (a string literal argument)
        for (std::size_t i = 0; i < N; ++i) text[i] = s[i];
    }
    std::string_view view() const { return {text, N - 1}; }
};

template <ParamName name = "seed">
struct SeedArg {
    std::uint64_t value = 0;
    operator std::uint64_t() const { return value; }
};

template <ParamName name = "threads">
struct ThreadsArg {
    int value = 0;
    operator int() const { return value; }
};

/// A count in [lo, hi]; hi defaults to hp::max_count (10^9).
template <ParamName name, std::int64_t lo, std::int64_t hi = hp::max_count>
struct Count {
    std::int64_t value = 0;
    operator std::int64_t() const { return value; }
};

using Seed = SeedArg<>;
using Threads = ThreadsArg<>;

namespace hp_params {
/// `rule, got <repr>` as a DomainError (the repr shortened: a hostile object's repr can be long).
[[noreturn]] inline void refuse(const std::string& rule, py::handle src) {
    std::string got;
    try {
        got = py::repr(src).cast<std::string>();
    } catch (const py::error_already_set&) {
        got = "an object of type " + std::string(Py_TYPE(src.ptr())->tp_name);
    }
    if (got.size() > 60) got = got.substr(0, 57) + "...";
    throw hp::DomainError(rule + ", got " + got);
}

/// The Python integer `src` (an int, a numpy integer or anything else with __index__, but not a bool, whose
/// True would silently mean 1) as a new reference; a DomainError with `rule` otherwise (10.5, None, "3").
inline py::object integer_of(py::handle src, const std::string& rule) {
    if (!src || PyBool_Check(src.ptr()) || PyFloat_Check(src.ptr()) || !PyIndex_Check(src.ptr())) refuse(rule, src);
    PyObject* i = PyNumber_Index(src.ptr());
    if (!i) {
        PyErr_Clear();
        refuse(rule, src);
    }
    return py::reinterpret_steal<py::object>(i);
}

/// The value of `src` in [lo, hi], or a DomainError with `rule`.
inline std::int64_t int64_in(py::handle src, std::int64_t lo, std::int64_t hi, const std::string& rule) {
    const py::object i = integer_of(src, rule);
    int overflow = 0;
    const long long v = PyLong_AsLongLongAndOverflow(i.ptr(), &overflow);
    if (v == -1 && PyErr_Occurred()) {
        PyErr_Clear();
        refuse(rule, src);
    }
    if (overflow != 0 || v < lo || v > hi) refuse(rule, src);
    return static_cast<std::int64_t>(v);
}
}  // namespace hp_params

namespace pybind11::detail {
template <ParamName param>
struct type_caster<SeedArg<param>> {
    PYBIND11_TYPE_CASTER(SeedArg<param>, const_name("int"));
    bool load(handle src, bool) {
        const std::string rule = hp::seed_rule(param.view());
        const object i = hp_params::integer_of(src, rule);
        if (PyObject_RichCompareBool(i.ptr(), int_(0).ptr(), Py_LT) == 1) hp_params::refuse(rule, src);
        const unsigned long long v = PyLong_AsUnsignedLongLong(i.ptr());
        if (v == static_cast<unsigned long long>(-1) && PyErr_Occurred()) {
            PyErr_Clear();
            hp_params::refuse(rule, src);
        }
        value.value = static_cast<std::uint64_t>(v);
        return true;
    }
    static handle cast(const SeedArg<param>& s, return_value_policy, handle) { return PyLong_FromUnsignedLongLong(s.value); }
};

template <ParamName param>
struct type_caster<ThreadsArg<param>> {
    PYBIND11_TYPE_CASTER(ThreadsArg<param>, const_name("int"));
    bool load(handle src, bool) {
        value.value = static_cast<int>(hp_params::int64_in(src, 0, hp::max_threads, hp::threads_rule(param.view())));
        return true;
    }
    static handle cast(const ThreadsArg<param>& t, return_value_policy, handle) { return PyLong_FromLong(t.value); }
};

template <ParamName param, std::int64_t lo, std::int64_t hi>
struct type_caster<Count<param, lo, hi>> {
    using Self = Count<param, lo, hi>;
    PYBIND11_TYPE_CASTER(Self, const_name("int"));
    bool load(handle src, bool) {
        value.value = hp_params::int64_in(src, lo, hi, hp::count_rule(param.view(), lo, hi));
        return true;
    }
    static handle cast(const Self& c, return_value_policy, handle) { return PyLong_FromLongLong(c.value); }
};
}  // namespace pybind11::detail

// ---- interrupts --------------------------------------------------------------------------------------
/// Call guard of every long call: releases the GIL and installs a cancellation hook (hp::CancelScope) that,
/// at most every 20 ms, takes the GIL back for PyErr_CheckSignals. On Ctrl-C the work stops (threads joined)
/// and the call raises KeyboardInterrupt (the translator of hp::Cancelled registered by
/// register_cancelled()); the process stays usable. Use py::call_guard<Interruptible>() in place of
/// py::call_guard<py::gil_scoped_release>().
class Interruptible {
public:
    Interruptible() {
        pending().clear();  // GIL held: a stale exception of an earlier call is dropped
    }

    /// Threads (Python thread idents) asked to stop their current call: hp._progress runs a long call in a
    /// helper thread, where signals never arrive, and forwards the main thread's Ctrl-C with
    /// _core._interrupt(thread.ident), and withdraws it once the thread is joined (_interrupt(ident, False)), so
    /// a request made just before the call starts still lands and none outlives its thread. Guarded by the GIL.
    static std::set<unsigned long>& requests() {
        static std::set<unsigned long> r;
        return r;
    }

    /// The exception a Python signal handler raised during this thread's current call (KeyboardInterrupt for
    /// Ctrl-C, or a custom handler's), held while the C++ work unwinds; restored by the translator.
    struct Pending {
        PyObject* type = nullptr;
        PyObject* value = nullptr;
        PyObject* traceback = nullptr;
        void clear() {  // needs the GIL
            Py_CLEAR(type);
            Py_CLEAR(value);
            Py_CLEAR(traceback);
        }
    };
    static Pending& pending() {
        thread_local Pending p;  // plain pointers: nothing Python runs at thread exit
        return p;
    }

private:
    static bool check_signals() {
        // While Python exits, a daemon thread that takes the GIL is ended (pthread_exit) and the unwind would
        // reach the GIL guard's destructor, which terminates the process: keep computing instead, as before
        // the hook existed, until the exiting process ends the thread.
#if PY_VERSION_HEX >= 0x030D0000
        if (Py_IsFinalizing()) return false;
#else
        if (_Py_IsFinalizing()) return false;
#endif
        py::gil_scoped_acquire gil;
        if (requests().erase(PyThread_get_thread_ident()) > 0) PyErr_SetNone(PyExc_KeyboardInterrupt);
        else if (PyErr_CheckSignals() == 0) return false;
        auto& p = pending();
        p.clear();
        PyErr_Fetch(&p.type, &p.value, &p.traceback);
        return true;
    }

    // Order matters: the GIL is released first and taken back last.
    py::gil_scoped_release release_;
    hp::CancelScope scope_{&Interruptible::check_signals};
};

/// hp::Cancelled -> the exception the signal handler raised (KeyboardInterrupt), else KeyboardInterrupt; and
/// _core._interrupt(ident), which stops the call running in that Python thread.
inline void register_cancelled(py::module_& m) {
    m.def(
        "_interrupt",
        [](unsigned long ident, bool stop) {
            if (stop) Interruptible::requests().insert(ident);
            else Interruptible::requests().erase(ident);
        },
        py::arg("ident"), py::arg("stop") = true,
        "Stop the long call running (or about to run) in Python thread `ident`: it raises KeyboardInterrupt there; "
        "stop=False withdraws the request.");
    py::register_exception_translator([](std::exception_ptr p) {
        if (!p) return;
        try {
            std::rethrow_exception(p);
        } catch (const hp::Cancelled&) {
            auto& e = Interruptible::pending();
            if (e.type != nullptr) {
                PyErr_Restore(e.type, e.value, e.traceback);  // steals the references
                e = {};
            } else {
                PyErr_SetNone(PyExc_KeyboardInterrupt);
            }
        }
    });
}
/// 1-D numpy arrays of float64 values and of int64 codes (group or band indices), borrowed without a copy
/// when they already have that type and layout.
template <class T>
using Array = py::array_t<T, py::array::c_style | py::array::forcecast>;
using DoubleArray = Array<double>;
using IndexArray = Array<std::int64_t>;

/// View of a 1-D array; DomainError naming `what` otherwise.
template <class T>
std::span<const T> as_span(const Array<T>& a, const char* what = "values") {
    if (a.ndim() != 1)
        throw hp::DomainError(std::string("expected a one-dimensional array of ") + what + ", got " +
                              std::to_string(a.ndim()) + " dimensions");
    return {a.data(), static_cast<std::size_t>(a.shape(0))};
}



/// A copy of a vector as a new 1-D numpy array.
inline py::array_t<double> array_of(const std::vector<double>& v) {
    return py::array_t<double>(static_cast<py::ssize_t>(v.size()), v.data());
}

/// A [levels x groups] table (rows[l][i], every row n long) as a new 2-D numpy array; no rows give shape (0, n).
inline py::array_t<double> rows_of(const std::vector<std::vector<double>>& rows, std::size_t n) {
    py::array_t<double> out({rows.size(), n});
    auto t = out.mutable_unchecked<2>();
    for (std::size_t l = 0; l < rows.size(); ++l)
        for (std::size_t i = 0; i < n; ++i) t(static_cast<py::ssize_t>(l), static_cast<py::ssize_t>(i)) = rows[l][i];
    return out;
}
