// Benchmarks for MLCore (CSV reading, logistic regression, gradient boosting, scoring), run side by side
// with scikit-learn and pandas by Benchmarks/ml/compare.sh. Release builds only.
//
// Usage: mlbench <csv|logreg|predict|hgb> FILE [--label COL] [--repeat N]
// Prints one JSON line per run: {"bench": ..., "seconds": ..., plus quality numbers}.
import Foundation
import MLCore

@main
enum MLBenchMain {
    static func main() {
        let args = Array(CommandLine.arguments.dropFirst())
        guard args.count >= 2 else {
            print("usage: mlbench <csv|logreg|predict|hgb> FILE [--label COL] [--repeat N]")
            return
        }
        let bench = args[0]
        let file = args[1]
        let label = value(of: "--label", in: args) ?? "y"
        let repeats = Int(value(of: "--repeat", in: args) ?? "5") ?? 5
        do {
            try Benchmarks.run(bench, file: file, label: label, repeats: repeats)
        } catch {
            print("{\"error\": \"\(error)\"}")
        }
    }

    static func value(of flag: String, in args: [String]) -> String? {
        guard let i = args.firstIndex(of: flag), i + 1 < args.count else { return nil }
        return args[i + 1]
    }
}

/// Wall-clock timing helper.
func seconds(_ body: () throws -> Void) rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}
