import Foundation
import MLCore

/// Feature attribution drift as Azure ML's monitor computes it: the feature-importance ranking on the
/// reference (training) data with its target column against the ranking on production data with its
/// ground truth, compared with normalized discounted cumulative gain (scikit-learn's `ndcg_score` with the
/// baseline importances as the true relevance and the production importances as the scores; 1.0 = the
/// same ranking). Importances are permutation importances of the deployed model (MLCore's
/// `PermutationImportance`: accuracy for classifiers, R² for regressors, 5 seeded repeats).
public enum FeatureAttributionDrift {
    /// Threshold used when the signal sets none: the Azure SDK has no default for this signal; its samples use 0.9.
    public static let defaultThreshold = 0.9
    public static let metric = "normalized_discounted_cumulative_gain"

    /// One feature's importance on both sides.
    public struct Importance: Sendable, Equatable {
        public var feature: String
        public var reference: Double
        public var production: Double
    }

    /// NDCG of `scores` against `relevance` (same order of features), as `sklearn.metrics.ndcg_score([relevance], [scores])`:
    /// tied scores share the average gain of their group; 0 when every relevance is 0.
    public static func ndcg(relevance: [Double], scores: [Double]) -> Double {
        guard relevance.count == scores.count, !relevance.isEmpty else { return 0 }
        let n = relevance.count
        // DCG with ties averaged: features grouped by equal score, highest score first; each group's mean gain
        // times the sum of its positions' discounts 1/log2(position + 2).
        let order = scores.indices.sorted { scores[$0] > scores[$1] }
        var dcg = 0.0, position = 0
        while position < n {
            var end = position
            while end + 1 < n, scores[order[end + 1]] == scores[order[position]] { end += 1 }
            let members = order[position...end]
            let gain = members.reduce(0.0) { $0 + relevance[$1] } / Double(members.count)
            let discount = (position...end).reduce(0.0) { $0 + 1 / log2(Double($1) + 2) }
            dcg += gain * discount
            position = end + 1
        }
        let ideal = relevance.sorted(by: >).enumerated().reduce(0.0) { $0 + $1.element / log2(Double($1.offset) + 2) }
        return ideal > 0 ? dcg / ideal : 0
    }

    /// Permutation importances of `model` on both tables (each holding the model's inputs and its label
    /// column), restricted to `features` (default: every model input).
    public static func importances(model: TrainedModel, reference: Table, production: Table, features: [String]?) throws -> [Importance] {
        let referenceImportance = try PermutationImportance.compute(model: model, table: reference, repeats: 5, seed: 0).importances
        let productionImportance = try PermutationImportance.compute(model: model, table: production, repeats: 5, seed: 0).importances
        var productionByName: [String: Double] = [:]
        for item in productionImportance { productionByName[item.column] = item.importanceMean }
        let wanted = features.map(Set.init)
        return referenceImportance.compactMap { item in
            guard wanted?.contains(item.column) ?? true, let production = productionByName[item.column] else { return nil }
            return Importance(feature: item.column, reference: item.importanceMean, production: production)
        }
    }

    /// NDCG over importances; negative baseline importances (a feature whose shuffling helped) count as
    /// relevance 0, since scikit-learn's `ndcg_score` refuses negative relevance.
    public static func ndcg(_ importances: [Importance]) -> Double {
        ndcg(relevance: importances.map { max(0, $0.reference) }, scores: importances.map(\.production))
    }

    /// The production window as a table: the model's inputs from `model_inputs`, joined by correlation id
    /// with the ground-truth labels that have arrived, under the model's label column name.
    public static func productionTable(model: TrainedModel, inputs: [CollectedData.Row], labels: [String: JSONValue]) throws -> Table {
        let joined = inputs.compactMap { row -> (CollectedData.Row, JSONValue)? in labels[row.correlationId].map { (row, $0) } }
        var columns: [Column] = []
        for input in model.inputs {
            let values = joined.map { $0.0.data[input.name] ?? .null }
            switch input.kind {
            case .numeric: columns.append(Column(name: input.name, numbers: values.map { $0.doubleValue ?? .nan }))
            case .boolean: columns.append(Column(name: input.name, booleans: values.map { value -> Bool? in
                if case .bool(let flag) = value { return flag }
                return value.stringValue.map { $0.lowercased() == "true" }
            }))
            case .categorical: columns.append(Column(name: input.name, strings: values.map { $0.stringValue ?? $0.scalarText }))
            }
        }
        let truth = joined.map(\.1)
        if model.task == .regression {
            columns.append(Column(name: model.label.column, numbers: truth.map { $0.doubleValue ?? $0.stringValue.flatMap(Double.init) ?? .nan }))
        } else {
            columns.append(Column(name: model.label.column, strings: truth.map { $0.stringValue ?? $0.scalarText }))
        }
        return try Table(columns: columns)
    }
}
