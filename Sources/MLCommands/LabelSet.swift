/// How labels are ordered and which one is positive.
struct LabelSet {
    /// Distinct labels: numerically sorted when all are numbers, otherwise lexicographically.
    let labels: [String]
    /// The positive label (binary tasks).
    let positive: String?
    /// How the positive label was chosen, when it was not given.
    let note: String?

    init(values: [[String]], positive requested: String?) throws {
        let distinct = Array(Set(values.joined()))
        let numeric = distinct.compactMap { Double($0) }
        let labels: [String]
        if numeric.count == distinct.count {
            labels = distinct.sorted { (Double($0) ?? 0) < (Double($1) ?? 0) }
        } else {
            labels = distinct.sorted()
        }
        self.labels = labels
        if let requested {
            guard labels.contains(requested) else { throw MetricsInputError.unknownPositiveLabel(requested, labels: labels) }
            positive = requested
            note = nil
        } else if labels.contains("1") && labels.allSatisfy({ ["0", "1"].contains($0) }) {
            positive = "1"; note = nil
        } else if labels.contains("true") && labels.allSatisfy({ ["true", "false"].contains($0) }) {
            positive = "true"; note = nil
        } else if labels.count == 2, let last = labels.last {
            positive = last
            note = "no --positive-label given: using '\(last)', the greater of the two sorted labels"
        } else if labels.count == 1, let only = labels.first {
            positive = only
            note = "only one label ('\(only)') appears: it is taken as the positive label"
        } else {
            positive = nil; note = nil
        }
    }

    /// Index of each value in `labels` (the order metrics use).
    func codes(_ values: [String]) -> [Int] {
        var index: [String: Int] = [:]
        for (i, l) in labels.enumerated() { index[l] = i }
        return values.map { index[$0] ?? -1 }
    }

    var isBinary: Bool { labels.count <= 2 && positive != nil }
}
