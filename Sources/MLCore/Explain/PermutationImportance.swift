import Foundation
import Primitives

/// How permutation importance scores a model (higher is better for every choice).
public enum ImportanceScoring: String, Sendable, Codable, CaseIterable {
    /// Share of correct classes (scikit-learn's default `score` for classifiers).
    case accuracy
    /// Negative mean log loss.
    case negLogLoss = "neg_log_loss"
    /// Coefficient of determination (default for regressors).
    case r2
    /// Negative root mean squared error.
    case negRMSE = "neg_root_mean_squared_error"
}

/// The importance of one input column.
public struct FeatureImportance: Sendable, Codable, Equatable {
    public var column: String
    /// Mean drop of the score when the column is shuffled.
    public var importanceMean: Double
    /// Population standard deviation of the drops (numpy's `std`).
    public var importanceStd: Double
    /// The drop of each repeat.
    public var importances: [Double]

    enum CodingKeys: String, CodingKey {
        case column, importances
        case importanceMean = "importance_mean", importanceStd = "importance_std"
    }
}

/// Permutation importance as scikit-learn's `permutation_importance` defines it: the score on the data minus
/// the score after shuffling one input column, repeated with seeded shuffles. Columns are shuffled before
/// preprocessing, so a one-hot encoded column moves as a whole.
public enum PermutationImportance {
    public static func compute(model: TrainedModel, table: Table, repeats: Int = 5, seed: UInt64 = 0,
                               scoring: ImportanceScoring? = nil) throws -> (baseline: Double, scoring: ImportanceScoring, importances: [FeatureImportance]) {
        guard repeats >= 1 else { throw ModelError.invalidOption("repeats must be at least 1") }
        let scoring = scoring ?? (model.task == .classification ? .accuracy : .r2)
        if (scoring == .accuracy || scoring == .negLogLoss) != (model.task == .classification) {
            throw ModelError.invalidOption("scoring \(scoring.rawValue) does not fit a \(model.task.rawValue) model")
        }
        for input in model.inputs where table.column(named: input.name) == nil {
            throw ModelError.missingInput(column: input.name, path: table.source?.path, required: model.inputs.map(\.name))
        }
        let (x, _) = try model.preprocessing.transform(table)
        let truth = try Truth(model: model, table: table)
        let baseline = try score(model, x, truth, scoring)
        var rng = SplitMix64(seed: seed)
        var results: [FeatureImportance] = []
        var offset = 0
        for transform in model.preprocessing.transforms {
            let width = transform.featureNames.count
            var drops: [Double] = []
            for _ in 0..<repeats {
                let permutation = rng.permutation(x.rows)
                var shuffled = x
                for r in 0..<x.rows {
                    let source = permutation[r]
                    for c in offset..<(offset + width) { shuffled.values[r * x.columns + c] = x.values[source * x.columns + c] }
                }
                drops.append(baseline - (try score(model, shuffled, truth, scoring)))
            }
            let mean = drops.reduce(0, +) / Double(drops.count)
            let std = (drops.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(drops.count)).squareRoot()
            results.append(FeatureImportance(column: transform.column, importanceMean: mean, importanceStd: std, importances: drops))
            offset += width
        }
        return (baseline, scoring, results)
    }

    /// The label values of the table, encoded as the model encodes them.
    struct Truth {
        var classes: [Int] = []
        var values: [Double] = []

        init(model: TrainedModel, table: Table) throws {
            let column = try table.requireColumn(model.label.column)
            switch model.task {
            case .classification:
                var index: [String: Int] = [:]
                for (i, c) in model.label.classes.enumerated() { index[c] = i }
                let texts = column.strings
                classes = try texts.enumerated().map { row, text in
                    guard let text, let k = index[text] else {
                        throw ModelError.invalidTarget(column: column.name, row: row, line: table.line(ofRow: row), path: table.source?.path,
                                                       reason: "holds '\(text ?? "")', not one of the model's classes (\(model.label.classes.joined(separator: ", ")))")
                    }
                    return k
                }
            case .regression:
                values = try LabelEncoding.numericTarget(of: table, label: column.name).1
            }
        }
    }

    static func score(_ model: TrainedModel, _ x: DesignMatrix, _ truth: Truth, _ scoring: ImportanceScoring) throws -> Double {
        let p = try model.predict(matrix: x)
        switch scoring {
        case .accuracy:
            let correct = zip(p.classIndices, truth.classes).filter { $0 == $1 }.count
            return Double(correct) / Double(max(truth.classes.count, 1))
        case .negLogLoss:
            var loss = 0.0
            for (i, y) in truth.classes.enumerated() {
                loss -= log(min(max(p.probabilities[i * p.classCount + y], Double.ulpOfOne), 1 - Double.ulpOfOne))
            }
            return -loss / Double(max(truth.classes.count, 1))
        case .r2:
            let y = truth.values
            let mean = Statistics.mean(y)
            var ssr = 0.0, sst = 0.0
            for (v, t) in zip(p.values, y) { ssr += (t - v) * (t - v); sst += (t - mean) * (t - mean) }
            return sst > 0 ? 1 - ssr / sst : (ssr == 0 ? 1 : 0)
        case .negRMSE:
            var se = 0.0
            for (v, t) in zip(p.values, truth.values) { se += (t - v) * (t - v) }
            return -(se / Double(max(truth.values.count, 1))).squareRoot()
        }
    }
}
