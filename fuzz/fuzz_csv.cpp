// The CSV tokenizer and decoder (hp::io::decode_text, parse_csv): UTF-8 with or without BOM, UTF-16 with BOM,
// cp1252, comma/semicolon/tab detection, quoted fields spanning lines, located errors.
#include "fuzz.hpp"

#include "healthyplaces/io/csv.hpp"

HP_FUZZ_TARGET(csv) {
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
    hp::fuzz::expect_clear([&] {
        const auto decoded = hp::io::decode_text(bytes, "fuzz.csv");
        hp::fuzz::require(hp::fuzz::valid_utf8(decoded.text), "decode_text returned text that is not UTF-8");
        hp::fuzz::require(!decoded.text.starts_with("\xEF\xBB\xBF"), "decode_text kept a byte-order mark");
        // A note says an encoding was guessed: cp1252, or UTF-16 without a byte-order mark.
        const bool utf16 = decoded.encoding == hp::io::Encoding::utf16le || decoded.encoding == hp::io::Encoding::utf16be;
        const bool guessed = decoded.encoding == hp::io::Encoding::cp1252 ||
                             (utf16 && !bytes.starts_with("\xFF\xFE") && !bytes.starts_with("\xFE\xFF"));
        hp::fuzz::require(guessed || decoded.note.empty(), "a note without a guessed encoding");
    });
    const auto doc = hp::io::parse_csv(bytes, "fuzz.csv");
    hp::fuzz::require(!doc.header.empty(), "parse_csv accepted an empty header");
    hp::fuzz::require(doc.delimiter == ',' || doc.delimiter == ';' || doc.delimiter == '\t', "odd delimiter");
    std::size_t last_line = 0;
    for (const auto& h : doc.header) hp::fuzz::require(hp::fuzz::valid_utf8(h), "header name not UTF-8");
    for (const auto& r : doc.records) {
        hp::fuzz::require(r.fields.size() == doc.header.size(), "a record's field count differs from the header's");
        hp::fuzz::require(r.line > last_line, "record lines not increasing");
        last_line = r.line;
        for (const auto& f : r.fields) hp::fuzz::require(hp::fuzz::valid_utf8(f), "field not UTF-8");
        const auto w = doc.where(r, static_cast<int>(r.fields.size()) - 1);
        hp::fuzz::require(!w.empty(), "empty location");
    }
    (void)doc.delimiter_hint();
    (void)hp::io::delimiter_name(doc.delimiter);
}
