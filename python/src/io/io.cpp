// io/: loading a user's scores with located errors; the embedded CSV text.
#include "box.hpp"

void bind_io(py::module_& m) {
    using namespace hp;
    using namespace hp::core;
    m.def("read_scores_file",
          [](const std::filesystem::path& path, const Framework& fw, bool allow_missing) {
              io::ReadOptions o;
              o.allow_missing = allow_missing;
              auto r = [&] {
                  py::gil_scoped_release release;  // reading a large file needs no Python
                  return io::read_scores(path, fw, o);
              }();
              return py::make_tuple(std::move(r.table), std::move(r.notes));
          },
          py::arg("path"), py::arg("framework"), py::arg("allow_missing") = true,
          "Read a score CSV; returns (ScoreTable, notes). Raises DataError naming file, line and column.");
    m.def("read_scores_text",
          [](std::string_view text, std::string source, const Framework& fw, bool allow_missing, bool rows_not_lines) {
              io::ReadOptions o;
              o.allow_missing = allow_missing;
              auto doc = io::parse_csv(text, std::move(source));
              doc.rows_not_lines = rows_not_lines;
              auto r = io::read_scores(doc, fw, o);
              return py::make_tuple(std::move(r.table), std::move(r.notes));
          },
          py::arg("text"), py::arg("source"), py::arg("framework"), py::arg("allow_missing") = true,
          py::arg("rows_not_lines") = false,
          "Parse score CSV text; returns (ScoreTable, notes). rows_not_lines: name rows (0-based), not lines.");
    m.def("embedded_names", &io::embedded_names, "Names of the CSV files embedded at build time from data/.");
    m.def("embedded_csv", [](std::string_view name) { return std::string(io::embedded_csv(name)); }, py::arg("name"),
          "The text of an embedded CSV file; DomainError listing the names when unknown.");
}
