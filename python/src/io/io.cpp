// io/: loading a user's scores and counts with located errors; the embedded CSV text.
#include "box.hpp"

void bind_io(py::module_& m) {
    using namespace hp;
    using namespace hp::core;
    // Reading runs without the GIL (a large file needs no Python); the results convert once it is back.
    m.def("read_scores_file",
          [](const std::filesystem::path& path, const Framework& fw, bool allow_missing) {
              auto r = io::read_scores(path, fw, io::ReadOptions{allow_missing});
              return std::make_tuple(std::move(r.table), std::move(r.notes), std::string(io::to_string(r.encoding)));
          },
          py::arg("path"), py::arg("framework"), py::arg("allow_missing") = true, py::call_guard<Interruptible>(),
          "Read a score CSV in UTF-8, UTF-16 or cp1252, delimited by commas, semicolons or tabs; returns (ScoreTable, "
          "notes, encoding). Raises DataError naming file, line and column.");
    m.def("read_scores_text",
          [](std::string_view text, std::string source, const Framework& fw, bool allow_missing, bool rows_not_lines) {
              auto doc = io::parse_csv(text, std::move(source));
              doc.rows_not_lines = rows_not_lines;
              auto r = io::read_scores(doc, fw, io::ReadOptions{allow_missing});
              return std::make_tuple(std::move(r.table), std::move(r.notes), std::string(io::to_string(r.encoding)));
          },
          py::arg("text"), py::arg("source"), py::arg("framework"), py::arg("allow_missing") = true,
          py::arg("rows_not_lines") = false, py::call_guard<Interruptible>(),
          "Parse score CSV text; returns (ScoreTable, notes, encoding). rows_not_lines: name rows (0-based), not lines.");

    py::class_<io::Counts>(m, "Counts", "Counts read by read_counts: organisations, numerators, denominators, periods "
                                        "and the other columns as text, in file order.")
        .def_readonly("source", &io::Counts::source)
        .def_readonly("columns", &io::Counts::columns)
        .def_readonly("organisations", &io::Counts::organisations)
        .def_property_readonly("numerators", [](const io::Counts& c) { return array_of(c.numerators); })
        .def_property_readonly("denominators", [](const io::Counts& c) { return array_of(c.denominators); })
        .def_readonly("periods", &io::Counts::periods)
        .def_readonly("other_columns", &io::Counts::other_columns)
        .def_readonly("other", &io::Counts::other)
        .def_property_readonly("encoding", [](const io::Counts& c) { return std::string(io::to_string(c.encoding)); },
                               "Python's name of the encoding the file was read in: utf-8, utf-8-sig, utf-16-le, "
                               "utf-16-be or cp1252.")
        .def_readonly("notes", &io::Counts::notes)
        .def("__len__", &io::Counts::size);
    const auto counts_options = [](std::string by, std::string numerator, std::string denominator,
                                   std::optional<std::string> period, std::string_view kind) {
        return io::CountsOptions{std::move(by), std::move(numerator), std::move(denominator),
                                 period.value_or(""), io::parse_count_kind(kind)};
    };
    m.def("read_counts_file",
          [counts_options](const std::filesystem::path& path, std::string by, std::string numerator,
                           std::string denominator, std::optional<std::string> period, std::string_view kind) {
              return io::read_counts(path, counts_options(std::move(by), std::move(numerator),
                                                           std::move(denominator), std::move(period), kind));
          },
          py::arg("path"), py::arg("by") = "organisation", py::arg("numerator") = "numerator",
          py::arg("denominator") = "denominator", py::arg("period") = py::none(), py::arg("kind") = "proportion",
          py::call_guard<Interruptible>(),
          "Read a CSV of counts by organisation; DataError naming file, line, column and organisation.");
    m.def("read_counts_text",
          [counts_options](std::string_view text, std::string source, std::string by, std::string numerator,
                           std::string denominator, std::optional<std::string> period, std::string_view kind,
                           bool rows_not_lines) {
              return io::read_counts_text(text, std::move(source),
                                          counts_options(std::move(by), std::move(numerator),
                                                         std::move(denominator), std::move(period), kind),
                                          rows_not_lines);
          },
          py::arg("text"), py::arg("source"), py::arg("by") = "organisation",
          py::arg("numerator") = "numerator", py::arg("denominator") = "denominator", py::arg("period") = py::none(),
          py::arg("kind") = "proportion", py::arg("rows_not_lines") = false, py::call_guard<Interruptible>(),
          "Parse CSV text of counts; rows_not_lines: name rows (0-based, a DataFrame's to_csv), not lines.");

    m.def("read_text_file",
          [](const std::filesystem::path& path) {
              const auto bytes = io::read_file(path);
              const auto name = path.string();
              // Parsed here for its located errors (a truncated line, an open quote) before pandas reads the text.
              const auto doc = io::parse_csv(bytes, name);
              return std::make_tuple(io::decode_text(bytes, name).text, std::string(io::to_string(doc.encoding)),
                                     std::string(1, doc.delimiter), doc.notes);
          },
          py::arg("path"), py::call_guard<Interruptible>(),
          "Read a CSV file as read_scores does (UTF-8, UTF-16 or cp1252; comma, semicolon or tab), check it, and "
          "return (text as UTF-8, encoding, delimiter, notes). DataError naming file and line.");
    m.def("embedded_names", &io::embedded_names, "Names of the CSV files embedded at build time from data/.");
    m.def("embedded_csv", [](std::string_view name) { return std::string(io::embedded_csv(name)); }, py::arg("name"),
          "The text of an embedded CSV file; DomainError listing the names when unknown.");
}
