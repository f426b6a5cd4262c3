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
}
