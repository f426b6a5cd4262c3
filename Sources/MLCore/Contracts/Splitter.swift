import Primitives
/// Deterministic train/test splits: random with a seed, stratified by a class label, or by time order.
public enum Splitter {
    /// Indices of a random split; with `strata`, each class keeps its share in both parts.
    /// The test part of each stratum has round(fraction · size) rows (at least one row stays in train).
    public static func trainTestSplit(n: Int, testFraction: Double, strata: [Int]? = nil, rng: inout SplitMix64) -> (train: [Int], test: [Int]) {
        guard n > 0 else { return ([], []) }
        let fraction = min(max(testFraction, 0), 1)
        var groups: [[Int]]
        if let strata, strata.count == n {
            var byClass: [Int: [Int]] = [:]
            for (i, s) in strata.enumerated() { byClass[s, default: []].append(i) }
            groups = byClass.keys.sorted().compactMap { byClass[$0] }
        } else {
            groups = [Array(0..<n)]
        }
        var train: [Int] = [], test: [Int] = []
        for group in groups {
            let order = rng.permutation(group.count)
            var testCount = Int((fraction * Double(group.count)).rounded())
            testCount = min(testCount, max(group.count - 1, 0))
            for (k, position) in order.enumerated() {
                if k < testCount { test.append(group[position]) } else { train.append(group[position]) }
            }
        }
        return (train.sorted(), test.sorted())
    }

    /// A time-based split: rows ordered by `column` (numbers numerically, text such as ISO dates by bytes,
    /// missing first), the last `testFraction` of them form the test part. Ties keep file order.
    public static func timeSplit(_ table: Table, column name: String, testFraction: Double) throws -> (train: [Int], test: [Int]) {
        let column = try table.requireColumn(name)
        let n = table.rowCount
        let order: [Int]
        if let numbers = column.numbers {
            order = (0..<n).sorted { a, b in
                let x = numbers[a], y = numbers[b]
                if x.isNaN != y.isNaN { return x.isNaN }
                return x < y || (x == y && a < b) || (x.isNaN && y.isNaN && a < b)
            }
        } else {
            let texts = column.strings.map { $0.map { Array($0.utf8) } }
            order = (0..<n).sorted { a, b in
                switch (texts[a], texts[b]) {
                case (nil, nil): return a < b
                case (nil, _): return true
                case (_, nil): return false
                case let (x?, y?): return x == y ? a < b : x.lexicographicallyPrecedes(y)
                }
            }
        }
        let testCount = min(max(Int((min(max(testFraction, 0), 1) * Double(n)).rounded()), 0), n)
        return (Array(order.prefix(n - testCount)).sorted(), Array(order.suffix(testCount)).sorted())
    }
}
