// Benchmarks for MLMetrics drift statistics (KS and PSI over 20 features of 1M vs 1M values), run side by
// side with SciPy and NumPy by Benchmarks/drift/compare.sh. Release builds only.
@main
enum DriftBenchMain {
    static func main() {
        print("no benchmarks yet")
    }
}
