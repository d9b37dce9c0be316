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
        .def("__len__", &io::Counts::size)
        .def("__eq__", [](const io::Counts& a, const io::Counts& b) {
            // counts are finite by construction, so == on the numbers is exact equality
            return a.source == b.source && a.columns == b.columns && a.organisations == b.organisations &&
                   a.numerators == b.numerators && a.denominators == b.denominators && a.periods == b.periods &&
                   a.other_columns == b.other_columns && a.other == b.other && a.encoding == b.encoding &&
                   a.notes == b.notes;
        }, py::is_operator())
        .def(py::pickle(
            [](const io::Counts& c) {
                return py::make_tuple(c.source, c.columns, c.organisations, c.numerators, c.denominators, c.periods,
                                      c.other_columns, c.other, static_cast<int>(c.encoding), c.notes);
            },
            [](const py::tuple& t) {
                if (t.size() != 10) throw hp::DataError("not pickled Counts");
                io::Counts c;
                c.source = t[0].cast<std::string>();
                c.columns = t[1].cast<std::vector<std::string>>();
                c.organisations = t[2].cast<std::vector<std::string>>();
                c.numerators = t[3].cast<std::vector<double>>();
                c.denominators = t[4].cast<std::vector<double>>();
                c.periods = t[5].cast<std::vector<std::string>>();
                c.other_columns = t[6].cast<std::vector<std::string>>();
                c.other = t[7].cast<std::vector<std::vector<std::string>>>();
                const int encoding = t[8].cast<int>();
                if (encoding < 0 || encoding > static_cast<int>(io::Encoding::cp1252))
                    throw hp::DataError("pickled Counts have an unknown encoding");
                c.encoding = static_cast<io::Encoding>(encoding);
                c.notes = t[9].cast<std::vector<std::string>>();
                const auto n = c.organisations.size();
                bool ok = c.numerators.size() == n && c.denominators.size() == n &&
                          (c.periods.empty() || c.periods.size() == n) && c.other.size() == c.other_columns.size();
                for (const auto& column : c.other) ok = ok && column.size() == n;
                if (!ok) throw hp::DataError("pickled Counts are inconsistent: columns of different lengths");
                return c;
            }));
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
              const auto name = path.string();
              const auto doc = io::read_csv(path);
              // The table as the reader saw it, written back as plain comma-separated text for pandas to type: the
              // rows are exactly the records (blank rows skipped, as every reader does), so each row's physical line
              // is known and errors about a row can name it.
              std::string text;
              const auto put = [&text](std::string_view field) {
                  if (field.find_first_of(",\"\r\n") == std::string_view::npos) {
                      text += field;
                      return;
                  }
                  text += '"';
                  for (const char c : field) text += c == '"' ? std::string("\"\"") : std::string(1, c);
                  text += '"';
              };
              const auto put_row = [&](const std::vector<std::string>& fields) {
                  for (std::size_t k = 0; k < fields.size(); ++k) {
                      if (k) text += ',';
                      put(fields[k]);
                  }
                  text += '\n';
              };
              put_row(doc.header);
              std::vector<std::int64_t> lines;
              lines.reserve(doc.records.size());
              for (const auto& r : doc.records) {
                  put_row(r.fields);
                  lines.push_back(static_cast<std::int64_t>(r.line));
              }
              return std::make_tuple(std::move(text), std::string(io::to_string(doc.encoding)),
                                     std::string(1, doc.delimiter), doc.notes, std::move(lines));
          },
          py::arg("path"), py::call_guard<Interruptible>(),
          "Read a CSV file as read_scores does (UTF-8, UTF-16 or cp1252; comma, semicolon or tab), check it, and "
          "return (the table as comma-separated UTF-8 text, encoding, delimiter, notes, the physical line of each "
          "row). DataError naming file, line and column.");
    m.def("format_csv",
          // Arguments convert with the GIL held, before the call guard releases it: nothing Python below.
          [](const std::vector<std::string>& names, const std::vector<std::string>& kinds,
             std::vector<std::vector<std::string>> texts, const std::vector<DoubleArray>& numbers,
             const std::vector<int>& significant, bool header) {
              if (kinds.size() != names.size() || significant.size() != names.size())
                  throw DomainError("format_csv: names, kinds and significant differ in length");
              std::vector<io::CsvColumn> cs;
              cs.reserve(names.size());
              std::size_t t = 0, n = 0;
              for (std::size_t k = 0; k < names.size(); ++k) {
                  io::CsvColumn c{names[k], {}};
                  if (kinds[k] == "text") {
                      if (t == texts.size()) throw DomainError("format_csv: fewer text columns than kinds say");
                      c.values = std::move(texts[t++]);
                  } else if (kinds[k] == "counts" || kinds[k] == "reals") {
                      if (n == numbers.size()) throw DomainError("format_csv: fewer number columns than kinds say");
                      const auto v = as_span(numbers[n++], names[k].c_str());
                      if (kinds[k] == "counts") c.values = io::CsvCounts{{v.begin(), v.end()}};
                      else c.values = io::CsvReals{{v.begin(), v.end()}, significant[k]};
                  } else {
                      throw DomainError("format_csv: kind '" + kinds[k] + "' is not 'text', 'counts' or 'reals'");
                  }
                  cs.push_back(std::move(c));
              }
              return io::format_csv(cs, header);
          },
          py::arg("names"), py::arg("kinds"), py::arg("texts"), py::arg("numbers"), py::arg("significant"),
          py::arg("header") = true, py::call_guard<Interruptible>(),
          "A table as CSV text. Column k is names[k] of kinds[k]: 'text' (the next of texts; quoted as RFC 4180 "
          "asks, formula-like text kept as text), 'counts' (the next of numbers; whole numbers as integers) or "
          "'reals' (the next of numbers, %.{significant[k]}g).");
    m.def("embedded_names", &io::embedded_names, "Names of the CSV files embedded at build time from data/.");
    m.def("embedded_csv", [](std::string_view name) { return std::string(io::embedded_csv(name)); }, py::arg("name"),
          "The text of an embedded CSV file; DomainError listing the names when unknown.");
}
