import Foundation
import MLCore
import MLMetrics

/// Computes one monitoring signal over a production window and a reference table, with Azure
/// ML's metrics and default thresholds (drift: normalized Wasserstein 0.1 for numerical features,
/// Jensen-Shannon 0.1 for categorical ones; data quality rates 0.0), in the `azure` dialect.
struct SignalEvaluator {
    let signal: MonitorSpec.Signal
    let reference: Table?
    let production: [CollectedData.Row]
    let outputs: [CollectedData.Row]
    let labels: [String: JSONValue]
    /// The deployed model (feature_attribution_drift).
    var model: TrainedModel? = nil

    static let defaultNumerical = AzureDriftMetric.normalizedWassersteinDistance
    static let defaultCategorical = AzureDriftMetric.jensenShannonDistance

    func evaluate() -> JSONValue {
        switch signal.type {
        case "data_drift": return drift(rows: production, columns: features())
        case "prediction_drift": return drift(rows: outputs, columns: [signal.predictionColumn], referenceColumn: signal.targetColumn)
        case "data_quality": return quality()
        case "model_performance": return performance()
        case "feature_attribution_drift": return attribution()
        default:
            return result(status: "not_simulated", note: "\(signal.type) is not simulated yet", results: [])
        }
    }

    func result(status: String, note: String?, results: [JSONValue], histograms: [String: JSONValue] = [:], rows: Int? = nil) -> JSONValue {
        ["name": .string(signal.name), "type": .string(signal.type), "status": .string(status), "note": note.map(JSONValue.string) ?? .null,
         "results": .array(results), "histograms": .object(histograms), "production_rows": .int(Int64(rows ?? production.count))]
    }

    /// Feature attribution drift: NDCG of the production importance ranking (inputs joined with their
    /// ground-truth labels) against the reference ranking (reference data with its target column).
    func attribution() -> JSONValue {
        guard let model else {
            return result(status: "no_data", note: "feature attribution drift needs the deployed model, and the monitored deployment serves no mlopslab/MLflow model", results: [])
        }
        guard var reference else { return result(status: "no_data", note: "the signal has no reference_data.input_data.path (training data with its target column)", results: []) }
        let target = signal.targetColumn ?? model.label.column
        guard let targetColumn = reference.column(named: target) else {
            return result(status: "no_data", note: "the reference data has no target column '\(target)' (set reference_data.data_column_names.target_column)", results: [])
        }
        if target != model.label.column {
            let renamed = reference.columns.filter { $0.name != model.label.column && $0.name != target } + [Column(name: model.label.column, values: targetColumn.values)]
            guard let table = try? Table(columns: renamed) else { return result(status: "error", note: "the reference data cannot be prepared", results: []) }
            reference = table
        }
        let joined = production.filter { labels[$0.correlationId] != nil }.count
        guard joined > 0 else {
            return result(status: "no_data", note: "no production input in the window has a ground-truth label yet (\(production.count) inputs): production feature importance needs labels; offset the window by the label delay (lookback_window_offset)", results: [], rows: 0)
        }
        do {
            let table = try FeatureAttributionDrift.productionTable(model: model, inputs: production, labels: labels)
            let importances = try FeatureAttributionDrift.importances(model: model, reference: reference, production: table, features: signal.features)
            guard !importances.isEmpty else { return result(status: "no_data", note: "none of the monitored features is a model input", results: [], rows: joined) }
            let value = FeatureAttributionDrift.ndcg(importances)
            let threshold = signal.attributionThreshold ?? FeatureAttributionDrift.defaultThreshold
            let row = SignalEvaluator.row(feature: "(all features)", metric: FeatureAttributionDrift.metric, value: value, threshold: threshold, alertAbove: false)
            let scoring = model.task == .classification ? "accuracy" : "r2"
            let defaulted = signal.attributionThreshold == nil ? "; threshold 0.9 is the Azure samples' value (the SDK sets no default)" : ""
            var output = result(status: status([row]), note: "permutation importance (\(scoring) drop, 5 repeats) of the deployed model on the reference data vs \(joined) labelled production rows\(defaulted)", results: [row], rows: joined)
            output = output.setting("importances", .array(importances.map { item in
                ["feature": .string(item.feature), "reference": .double(item.reference), "production": .double(item.production)]
            }))
            return output
        } catch {
            return result(status: "error", note: "feature importance could not be computed: \(BatchScorer.describe(error))", results: [], rows: joined)
        }
    }

    func features() -> [String] {
        if let features = signal.features { return features }
        let excluded = Set([signal.targetColumn, signal.predictionColumn].compactMap { $0 })
        return (reference?.columnNames ?? []).filter { !excluded.contains($0) }
    }

    static func row(feature: String, metric: String, value: Double, threshold: Double, alertAbove: Bool) -> JSONValue {
        let passed = alertAbove ? !(value > threshold) : !(value < threshold)
        return ["feature": .string(feature), "metric": .string(metric), "value": .double(value), "threshold": .double(threshold),
                "passed": .bool(passed), "alert_when": .string(alertAbove ? "above" : "below")]
    }

    func drift(rows: [CollectedData.Row], columns: [String], referenceColumn: String? = nil) -> JSONValue {
        guard let reference else { return result(status: "no_data", note: "the signal has no reference_data.input_data.path", results: []) }
        guard !rows.isEmpty else { return result(status: "no_data", note: "no production data in the window", results: []) }
        var results: [JSONValue] = []
        var histograms: [String: JSONValue] = [:]
        for column in columns {
            guard let refColumn = reference.column(named: referenceColumn ?? column) else { continue }
            let values = rows.compactMap { $0.data[column] }
            if refColumn.kind == .numeric, let refNumbers = refColumn.numbers {
                let ref = refNumbers.filter { !$0.isNaN }
                let cur = values.compactMap(\.doubleValue).filter(\.isFinite)
                guard !ref.isEmpty, !cur.isEmpty, var drift = try? FeatureDrift.numerical(reference: ref, current: cur, dialect: .azure) else { continue }
                let (metric, threshold) = chosen(signal.numericalThresholds, fallback: SignalEvaluator.defaultNumerical, kind: .numerical)
                try? drift.decide(on: metric, threshold: threshold)
                if let value = metric.value(in: drift) {
                    results.append(SignalEvaluator.row(feature: column, metric: metric.rawValue, value: value, threshold: threshold, alertAbove: !metric.alertsBelowThreshold))
                }
                histograms[column] = TextHistogram.numeric(reference: ref, production: cur)
            } else {
                let ref = refColumn.strings.compactMap { $0 }
                let cur = values.map { $0.stringValue ?? $0.compact() }
                guard !ref.isEmpty, !cur.isEmpty else { continue }
                var drift = FeatureDrift.categorical(reference: ref, current: cur, dialect: .azure)
                let (metric, threshold) = chosen(signal.categoricalThresholds, fallback: SignalEvaluator.defaultCategorical, kind: .categorical)
                try? drift.decide(on: metric, threshold: threshold)
                if let value = metric.value(in: drift) {
                    results.append(SignalEvaluator.row(feature: column, metric: metric.rawValue, value: value, threshold: threshold, alertAbove: !metric.alertsBelowThreshold))
                }
                histograms[column] = TextHistogram.categorical(reference: ref, production: cur)
            }
        }
        return result(status: status(results), note: nil, results: results, histograms: histograms)
    }

    /// The first metric the YAML names that applies (Azure sends one), else the default, with its threshold.
    func chosen(_ given: [String: Double], fallback: AzureDriftMetric, kind: FeatureDrift.Kind) -> (AzureDriftMetric, Double) {
        for metric in AzureDriftMetric.allCases where metric.applies(to: kind) {
            if let threshold = given[metric.rawValue] ?? (metric == .pearsonsChiSquaredTest ? given["chi_squared_test"] : nil) { return (metric, threshold) }
        }
        return (fallback, 0.1)
    }

    func status(_ results: [JSONValue]) -> String {
        results.contains { $0["passed"] == .bool(false) } ? "alert" : "passed"
    }

    func quality() -> JSONValue {
        guard let reference else { return result(status: "no_data", note: "the signal has no reference_data.input_data.path", results: []) }
        guard !production.isEmpty else { return result(status: "no_data", note: "no production data in the window", results: []) }
        var results: [JSONValue] = []
        for column in features() {
            guard let refColumn = reference.column(named: column) else { continue }
            let cells: [String?] = production.map { row in
                guard let value = row.data[column], value != .null else { return nil }
                return value.stringValue ?? value.compact()
            }
            let quality: DataQuality
            var thresholds = signal.categoricalThresholds
            if refColumn.kind == .numeric, let numbers = refColumn.numbers {
                quality = DataQuality(numericReference: numbers.filter { !$0.isNaN }, current: cells)
                thresholds = signal.numericalThresholds
            } else {
                quality = DataQuality(categoricalReference: Set(refColumn.strings.compactMap { $0 }), current: cells)
            }
            for (metric, value) in [("null_value_rate", quality.nullValueRate), ("data_type_error_rate", quality.dataTypeErrorRate), ("out_of_bounds_rate", quality.outOfBoundsRate)] {
                results.append(SignalEvaluator.row(feature: column, metric: metric, value: value, threshold: thresholds[metric] ?? DataQuality.defaultThreshold, alertAbove: true))
            }
        }
        return result(status: status(results), note: nil, results: results)
    }

    /// Accuracy (and precision/recall for two classes) against collected labels; with no labels in
    /// the window, the confidence-based estimate (CBPE without calibration) from the output probabilities.
    func performance() -> JSONValue {
        guard !outputs.isEmpty else { return result(status: "no_data", note: "no model outputs in the window", results: []) }
        let labelled = outputs.compactMap { row -> (String, String)? in
            guard let label = labels[row.correlationId], let prediction = row.data[signal.predictionColumn] else { return nil }
            return (prediction.stringValue ?? prediction.compact(), label.stringValue ?? label.compact())
        }
        var results: [JSONValue] = []
        let threshold = signal.performanceThresholds["accuracy"]
        if !labelled.isEmpty {
            let accuracy = Double(labelled.filter { $0.0 == $0.1 }.count) / Double(labelled.count)
            results.append(performanceRow("accuracy", accuracy, threshold))
            for name in ["precision", "recall"] {
                guard let limit = signal.performanceThresholds[name] else { continue }
                let positive = labelled.map(\.1).max() ?? ""
                let tp = Double(labelled.filter { $0.0 == positive && $0.1 == positive }.count)
                let denominator = Double(labelled.filter { name == "precision" ? $0.0 == positive : $0.1 == positive }.count)
                results.append(performanceRow(name, denominator > 0 ? tp / denominator : 0, limit))
            }
            return result(status: status(results), note: "\(labelled.count) of \(outputs.count) predictions have ground-truth labels", results: results)
        }
        let probabilities = outputs.compactMap { $0.data["probability"]?.doubleValue }
        guard probabilities.count == outputs.count else {
            return result(status: "no_data", note: "labels are late and the outputs carry no probability, so performance cannot be estimated", results: [])
        }
        let expectedCorrect = probabilities.reduce(0) { $0 + max($1, 1 - $1) }
        results.append(performanceRow("estimated_accuracy", expectedCorrect / Double(probabilities.count), threshold))
        return result(status: status(results), note: "labels are late (none in the window): accuracy is ESTIMATED with confidence-based performance estimation (CBPE, uncalibrated probabilities), not measured", results: results)
    }

    func performanceRow(_ metric: String, _ value: Double, _ threshold: Double?) -> JSONValue {
        guard let threshold else {
            return ["feature": "(model)", "metric": .string(metric), "value": .double(value), "threshold": .null, "passed": .bool(true), "alert_when": "below"]
        }
        return SignalEvaluator.row(feature: "(model)", metric: metric, value: value, threshold: threshold, alertAbove: false)
    }
}
