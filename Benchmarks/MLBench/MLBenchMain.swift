// Benchmarks for MLCore (CSV reading, logistic regression, gradient boosting, scoring), run side by side
// with scikit-learn and pandas by Benchmarks/ml/compare.sh. Release builds only.
@main
enum MLBenchMain {
    static func main() {
        print("no benchmarks yet")
    }
}
