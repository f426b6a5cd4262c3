/// Counts of true class (rows) against predicted class (columns) over the sorted union of labels,
/// as `sklearn.metrics.confusion_matrix`.
public struct ConfusionMatrix<Label: Hashable & Comparable & Sendable>: Sendable, Equatable {
    /// Labels in ascending order: row and column order of `counts`.
    public let labels: [Label]
    /// counts[i][j] = rows whose true label is labels[i] and prediction is labels[j].
    public let counts: [[Int]]

    /// Builds the matrix; throws when the inputs are empty or of different lengths.
    public init(yTrue: [Label], yPred: [Label], labels explicitLabels: [Label]? = nil) throws {
        try Check.nonEmpty(yTrue.count, "y_true")
        try Check.sameLength(yTrue.count, yPred.count, "predictions")
        let labels = explicitLabels ?? Array(Set(yTrue).union(yPred)).sorted()
        var index: [Label: Int] = [:]
        for (i, l) in labels.enumerated() { index[l] = i }
        var counts = [[Int]](repeating: [Int](repeating: 0, count: labels.count), count: labels.count)
        for (t, p) in zip(yTrue, yPred) {
            guard let i = index[t], let j = index[p] else { continue }
            counts[i][j] += 1
        }
        self.labels = labels
        self.counts = counts
    }

    /// Total rows counted.
    public var total: Int { counts.reduce(0) { $0 + $1.reduce(0, +) } }

    /// Rows whose true label is `labels[i]`.
    public func support(_ i: Int) -> Int { counts[i].reduce(0, +) }

    /// Rows predicted as `labels[j]`.
    public func predicted(_ j: Int) -> Int { counts.reduce(0) { $0 + $1[j] } }

    /// One-vs-rest counts for `positive` (all zero when the label is absent).
    public func binaryCounts(positive: Label) -> BinaryCounts {
        guard let p = labels.firstIndex(of: positive) else { return BinaryCounts(tn: total, fp: 0, fn: 0, tp: 0) }
        let tp = counts[p][p]
        let fn = support(p) - tp
        let fp = predicted(p) - tp
        return BinaryCounts(tn: total - tp - fn - fp, fp: fp, fn: fn, tp: tp)
    }
}

/// The four cells of a binary confusion matrix (`confusion_matrix(...).ravel()`).
public struct BinaryCounts: Sendable, Equatable, Codable {
    public let tn: Int
    public let fp: Int
    public let fn: Int
    public let tp: Int

    public init(tn: Int, fp: Int, fn: Int, tp: Int) {
        self.tn = tn; self.fp = fp; self.fn = fn; self.tp = tp
    }

    public var total: Int { tn + fp + fn + tp }
}
