// The harnesses without libFuzzer (make test, g++, the ASan+UBSan tree): every registered harness replays its
// committed corpus (fuzz/corpus/<harness>/), then a fixed number of inputs mutated from it, deterministically:
// the same inputs on every machine and every run, so that make test passes or fails the same everywhere. A finding aborts: the input is written to
// crash-<harness>-<n> in the working directory and the harness named, so it can be replayed with
//   hp_fuzz_replay --target <harness> <file>
// and added to the corpus once fixed.
//   hp_fuzz_replay [--runs N] [--target NAME] CORPUS_ROOT      replay + N mutated inputs per harness (default 500)
//   hp_fuzz_replay --target NAME FILE...                          replay those files only
#include "fuzz.hpp"

#include <algorithm>
#include <chrono>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include <fcntl.h>
#include <unistd.h>

namespace hp::fuzz {
std::vector<Target>& targets() {
    static std::vector<Target> t;
    return t;
}
}  // namespace hp::fuzz

extern "C" void __sanitizer_set_death_callback(void (*callback)(void));

namespace {
namespace fs = std::filesystem;
using Bytes = std::vector<std::uint8_t>;

// What is running now, for the handlers below (plain globals: read from a signal handler).
const char* g_target = "";
const std::uint8_t* g_data = nullptr;
std::size_t g_size = 0;
volatile std::sig_atomic_t g_dumped = 0;
constexpr unsigned hang_seconds = 20;  // the sanitizer build at -Og is ~10x slower than libFuzzer's -O1: generous

void say(const char* s) { (void)!write(2, s, std::strlen(s)); }

// Async-signal-safe enough: open/write/close only.
void dump_input() {
    if (g_dumped || g_data == nullptr) return;
    g_dumped = 1;
    char name[256] = "crash-";
    std::strncat(name, g_target, 200);
    const int fd = open(name, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd >= 0) {
        (void)!write(fd, g_data, g_size);
        close(fd);
    }
    say("\n== hp fuzz: harness '");
    say(g_target);
    say("' failed; the input is in ");
    say(name);
    say(" (replay: hp_fuzz_replay --target ");
    say(g_target);
    say(" ");
    say(name);
    say(")\n");
}

void on_signal(int sig) {
    if (sig == SIGALRM) say("\n== hp fuzz finding: hang (an input ran longer than the limit)\n");
    dump_input();
    std::signal(sig, SIG_DFL);
    std::raise(sig == SIGALRM ? SIGABRT : sig);
}

void run(const hp::fuzz::Target& t, const Bytes& input) {
    // A copy on the heap of exactly the input's size, so that ASan sees a read past its end.
    std::unique_ptr<std::uint8_t[]> copy(new std::uint8_t[input.size()]);
    std::copy(input.begin(), input.end(), copy.get());
    g_target = t.name;
    g_data = copy.get();
    g_size = input.size();
    alarm(hang_seconds);
    hp::fuzz::run_one(t.body, copy.get(), input.size());
    alarm(0);
    g_data = nullptr;
}

Bytes read_bytes(const fs::path& p) {
    std::ifstream f(p, std::ios::binary);
    return Bytes(std::istreambuf_iterator<char>(f), std::istreambuf_iterator<char>());
}

// A small deterministic mutator: what libFuzzer does most (byte flips, inserts, erases, copies, splices, the
// tokens the readers care about), so make test covers a little more than the corpus on every run.
class Mutator {
public:
    std::uint64_t next() {
        s_ ^= s_ << 13;
        s_ ^= s_ >> 7;
        s_ ^= s_ << 17;
        return s_;
    }
    std::size_t below(std::size_t n) { return n == 0 ? 0 : static_cast<std::size_t>(next() % n); }

    Bytes mutate(const std::vector<Bytes>& corpus) {
        Bytes b = corpus[below(corpus.size())];
        const int rounds = 1 + static_cast<int>(below(4));
        for (int r = 0; r < rounds; ++r) step(b, corpus);
        if (b.size() > 4096) b.resize(4096);
        return b;
    }

private:
    void step(Bytes& b, const std::vector<Bytes>& corpus) {
        static const char* tokens[] = {",",     ";",     "\t",    "\"",   "\"\"",     "\n",       "\r\n",  "\r",
                                       "\xEF\xBB\xBF",  "\xFF\xFE", "\xFE\xFF", "\x00", "\xE9", "\xC3\xA9", "\x80",
                                       "1e308", "-1e308", "nan",  "inf",  "-0",       "1,000",    "4.9e-324", "",
                                       "99999999999999999999", "organisation", "numerator", "denominator", "unit",
                                       "period", "outcome", "adoption", "area", "PK\x03\x04", "\xD0\xCF\x11\xE0"};
        const std::size_t pos = below(b.size() + 1);
        switch (below(7)) {
        case 0:
            if (!b.empty()) b[below(b.size())] ^= static_cast<std::uint8_t>(1u << below(8));
            break;
        case 1:
            if (!b.empty()) b[below(b.size())] = static_cast<std::uint8_t>(next());
            break;
        case 2: {
            const std::string_view t = tokens[below(std::size(tokens))];
            const std::size_t len = t.empty() ? 1 : t.size();  // "" inserts a NUL
            b.insert(b.begin() + static_cast<std::ptrdiff_t>(pos), t.data(), t.data() + len);
            break;
        }
        case 3:
            if (!b.empty()) {
                const std::size_t n = 1 + below(std::min<std::size_t>(b.size() - std::min(pos, b.size() - 1), 16));
                const std::size_t at = std::min(pos, b.size() - 1);
                b.erase(b.begin() + static_cast<std::ptrdiff_t>(at), b.begin() + static_cast<std::ptrdiff_t>(std::min(b.size(), at + n)));
            }
            break;
        case 4:
            if (!b.empty()) {  // copy a piece of itself elsewhere (a repeated line or field)
                const std::size_t from = below(b.size()), n = 1 + below(std::min<std::size_t>(b.size() - from, 64));
                const Bytes piece(b.begin() + static_cast<std::ptrdiff_t>(from), b.begin() + static_cast<std::ptrdiff_t>(from + n));
                b.insert(b.begin() + static_cast<std::ptrdiff_t>(pos), piece.begin(), piece.end());
            }
            break;
        case 5: {  // splice: the head of this one, the tail of another
            const Bytes& other = corpus[below(corpus.size())];
            const std::size_t cut = below(other.size() + 1);
            b.resize(pos);
            b.insert(b.end(), other.begin() + static_cast<std::ptrdiff_t>(cut), other.end());
            break;
        }
        default:
            if (b.size() > 1) b.resize(below(b.size()));  // truncate
            break;
        }
    }
    std::uint64_t s_ = 0x9E3779B97F4A7C15ull;
};

int usage() {
    say("usage: hp_fuzz_replay [--runs N] [--target NAME] CORPUS_ROOT\n"
        "       hp_fuzz_replay --target NAME FILE...\n");
    return 2;
}
}  // namespace

int main(int argc, char** argv) {
    std::size_t runs = 500;
    std::string only;
    std::vector<fs::path> paths;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        if (a == "--runs" && i + 1 < argc) runs = std::stoul(argv[++i]);
        else if (a == "--target" && i + 1 < argc) only = argv[++i];
        else if (a.starts_with("--")) return usage();
        else paths.emplace_back(a);
    }
    if (paths.empty()) return usage();
    __sanitizer_set_death_callback(dump_input);
    for (int sig : {SIGABRT, SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGALRM}) std::signal(sig, on_signal);

    auto& all = hp::fuzz::targets();
    std::sort(all.begin(), all.end(), [](const auto& a, const auto& b) { return std::strcmp(a.name, b.name) < 0; });
    const bool files = !only.empty() && !fs::is_directory(paths.front());
    if (files) {  // reproduce: the given files through one harness
        const auto it = std::find_if(all.begin(), all.end(), [&](const auto& t) { return only == t.name; });
        if (it == all.end()) return usage();
        for (const auto& p : paths) run(*it, read_bytes(p));
        std::printf("%s: %zu inputs, no finding\n", it->name, paths.size());
        return 0;
    }
    const fs::path root = paths.front();
    int ran = 0;
    for (const auto& t : all) {
        if (!only.empty() && only != t.name) continue;
        const fs::path dir = root / t.name;
        std::vector<fs::path> files_of;
        if (fs::is_directory(dir))
            for (const auto& e : fs::directory_iterator(dir))
                if (e.is_regular_file()) files_of.push_back(e.path());
        if (files_of.empty()) {
            std::fprintf(stderr, "harness '%s' has no seed corpus in %s\n", t.name, dir.c_str());
            return 1;
        }
        std::sort(files_of.begin(), files_of.end());
        std::vector<Bytes> corpus;
        for (const auto& p : files_of) corpus.push_back(read_bytes(p));
        const auto start = std::chrono::steady_clock::now();
        for (const auto& c : corpus) run(t, c);
        Mutator m;
        for (std::size_t k = 0; k < runs; ++k) run(t, m.mutate(corpus));
        const double took = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        std::printf("fuzz %-15s %4zu corpus inputs + %6zu mutated in %.2f s: no finding\n", t.name, corpus.size(),
                    runs, took);
        ++ran;
    }
    if (ran == 0) return usage();
    return 0;
}
