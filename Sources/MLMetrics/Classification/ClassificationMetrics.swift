/// How per-class scores are combined, as scikit-learn's `average` argument.
public enum Averaging: String, Sendable, CaseIterable, Codable {
    /// Only the positive class (`average='binary'`).
    case binary
    /// Unweighted mean over the sorted union of labels (`average='macro'`).
    case macro
    /// Mean weighted by each class's true count (`average='weighted'`).
    case weighted
}

/// Label-based classification metrics with scikit-learn 1.9's conventions: labels sorted ascending,
/// zero division gives 0.0 plus a warning.
public enum ClassificationMetrics {
    /// Share of rows where the prediction equals the label (`accuracy_score`).
    public static func accuracy<L: Hashable & Comparable & Sendable>(yTrue: [L], yPred: [L]) throws -> Double {
        try Check.nonEmpty(yTrue.count, "y_true")
        try Check.sameLength(yTrue.count, yPred.count, "predictions")
        let correct = zip(yTrue, yPred).reduce(0) { $0 + ($1.0 == $1.1 ? 1 : 0) }
        return Double(correct) / Double(yTrue.count)
    }

    /// Mean per-class recall over the classes present in y_true (`balanced_accuracy_score`).
    public static func balancedAccuracy<L: Hashable & Comparable & Sendable>(yTrue: [L], yPred: [L]) throws -> MetricResult {
        let cm = try ConfusionMatrix(yTrue: yTrue, yPred: yPred)
        var recalls: [Double] = []
        var warnings: [String] = []
        for i in cm.labels.indices {
            let support = cm.support(i)
            if support == 0 {
                if warnings.isEmpty { warnings.append("balanced_accuracy: y_pred contains classes not in y_true") }
                continue
            }
            recalls.append(Double(cm.counts[i][i]) / Double(support))
        }
        return MetricResult(recalls.reduce(0, +) / Double(recalls.count), warnings: warnings)
    }

    /// Precision, recall and F1 under one averaging rule (`precision_recall_fscore_support`).
    public struct PRF: Sendable, Equatable {
        public let precision: MetricResult
        public let recall: MetricResult
        public let f1: MetricResult
    }

    /// Precision, recall and F1 with scikit-learn's zero-division rule (0 plus a warning).
    /// - Parameters:
    ///   - positive: the positive label for `.binary` (ignored otherwise).
    public static func precisionRecallF1<L: Hashable & Comparable & Sendable>(
        yTrue: [L], yPred: [L], averaging: Averaging, positive: L
    ) throws -> PRF {
        let cm = try ConfusionMatrix(yTrue: yTrue, yPred: yPred)
        let classes: [L] = averaging == .binary ? [positive] : cm.labels
        var p: [Double] = [], r: [Double] = [], f: [Double] = [], w: [Double] = []
        var pZero: [String] = [], rZero: [String] = [], fZero: [String] = []
        for label in classes {
            let c = cm.binaryCounts(positive: label)
            let (pv, pz) = divide(c.tp, c.tp + c.fp)
            let (rv, rz) = divide(c.tp, c.tp + c.fn)
            let (fv, fz) = divide(2 * c.tp, 2 * c.tp + c.fp + c.fn)
            p.append(pv); r.append(rv); f.append(fv); w.append(Double(c.tp + c.fn))
            if pz { pZero.append("\(label)") }
            if rz { rZero.append("\(label)") }
            if fz { fZero.append("\(label)") }
        }
        func combine(_ values: [Double]) -> Double {
            switch averaging {
            case .binary: return values.first ?? 0
            case .macro: return values.reduce(0, +) / Double(values.count)
            case .weighted:
                let total = w.reduce(0, +)
                guard total > 0 else { return 0 }
                return zip(values, w).reduce(0) { $0 + $1.0 * $1.1 } / total
            }
        }
        func warn(_ metric: String, _ labels: [String], _ reason: String) -> [String] {
            guard !labels.isEmpty else { return [] }
            let which = averaging == .binary ? "" : " in labels [\(labels.joined(separator: ", "))]"
            return ["\(metric) is ill-defined and set to 0.0\(which) due to \(reason)"]
        }
        return PRF(
            precision: MetricResult(combine(p), warnings: warn("precision", pZero, "no predicted samples")),
            recall: MetricResult(combine(r), warnings: warn("recall", rZero, "no true samples")),
            f1: MetricResult(combine(f), warnings: warn("f1", fZero, "no true nor predicted samples"))
        )
    }

    private static func divide(_ num: Int, _ den: Int) -> (Double, Bool) {
        den == 0 ? (0, true) : (Double(num) / Double(den), false)
    }
}
