// GiNaC side of the parse benchmark (issue 10, item 8): parses the text in the file given as the first
// argument and differentiates it by x, ROUNDS times each, and prints the median and best times in ms, wall clock and thread CPU time.
// Development time only (never built in CI):
//   g++ -O2 -o /tmp/ginac_parse_diff tests/Symbolic.Benchmarks/ginac/parse_diff.cpp -lginac -lcln
// The C# side (`dotnet run -c Release --project tests/Symbolic.Benchmarks -- parse-quick /tmp/ginac_parse_diff`)
// writes the 4,000-term sum to a file, runs this program between its own rounds and reports the ratios.
#include <ginac/ginac.h>
#include <algorithm>
#include <chrono>
#include <fstream>
#include <iostream>
#include <sstream>
#include <vector>

using namespace GiNaC;
#include <time.h>

// CPU time of this thread, in ms: on a shared machine it counts only the work done, not the waiting.
static double cpu_ms() {
    timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}
using clock_type = std::chrono::steady_clock;

static double ms(clock_type::time_point a, clock_type::time_point b) {
    return std::chrono::duration<double, std::milli>(b - a).count();
}

static void report(const char* name, std::vector<double> t) {
    std::sort(t.begin(), t.end());
    std::cout << name << " median " << t[t.size() / 2] << " best " << t[0] << "\n";
}

int main(int argc, char** argv) {
    if (argc < 2) { std::cerr << "usage: parse_diff FILE [ROUNDS]\n"; return 2; }
    std::ifstream in(argv[1]);
    std::stringstream buffer;
    buffer << in.rdbuf();
    const std::string text = buffer.str();
    const int rounds = argc > 2 ? std::atoi(argv[2]) : 7;

    symbol x("x"), y("y");
    symtab table;
    table["x"] = x;
    table["y"] = y;
    std::vector<double> parse, diff, parse_cpu, diff_cpu;
    std::size_t terms = 0;
    for (int i = 0; i < rounds; i++) {
        parser reader(table);
        double c0 = cpu_ms();
        auto t0 = clock_type::now();
        ex e = reader(text);
        auto t1 = clock_type::now();
        double c1 = cpu_ms();
        ex d = e.diff(x);
        auto t2 = clock_type::now();
        double c2 = cpu_ms();
        parse_cpu.push_back(c1 - c0);
        diff_cpu.push_back(c2 - c1);
        parse.push_back(ms(t0, t1));
        diff.push_back(ms(t1, t2));
        terms = e.nops() + d.nops();
    }
    report("parse", parse);
    report("diff", diff);
    report("parse-cpu", parse_cpu);
    report("diff-cpu", diff_cpu);
    std::cout << "terms " << terms << "\n";
    return 0;
}
