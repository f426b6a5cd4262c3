import ArgumentParser
import CLICore
import MLCore
import MLMetrics

/// `mlopslab ml evaluate`: metrics of predictions against labels, with scikit-learn's conventions.
public struct EvaluateCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "evaluate",
        abstract: "Score predictions against labels (scikit-learn's definitions); prints JSON.",
        discussion: """
        Classification: accuracy, balanced_accuracy, precision, recall, f1 (binary for two labels, macro \
        for more; *_macro and *_weighted always), confusion_matrix, and with --score: roc_auc, \
        average_precision, log_loss, brier_score, calibration_curve, expected_calibration_error. \
        Regression: rmse, mae, r2, mape, mse. Undefined values print as null and are explained in "warnings".
        """
    )

    @Option(name: .long, help: "CSV file holding the label and prediction columns.")
    var data: String

    @Option(name: .long, help: "Column with the true label (or target value).")
    var label: String

    @Option(name: .long, help: "Column with the model's prediction.")
    var prediction: String

    @Option(name: .long, help: "Column with the probability (or score) of the positive class.")
    var score: String?

    @Option(name: .long, help: "Sensitive-feature column: adds by_group and fairness disparities.")
    var group: String?

    @Option(name: .long, help: "classification or regression (default: inferred from the label column).")
    var task: EvaluationTask?

    @Option(name: .long, help: "The positive label (default: 1, true, or the greater of two sorted labels).")
    var positiveLabel: String?

    @Option(name: .long, help: "Equal-width probability bins for the calibration curve and ECE.")
    var calibrationBins: Int = 10

    @Option(name: .long, help: "Also report metrics at thresholds 0, 1/N, ..., 1 (needs --score).")
    var sweep: Int?

    @Option(name: .long, parsing: .upToNextOption, help: "Feature columns for error analysis (top error slices), space- or comma-separated.")
    var slices: [String] = []

    @Option(name: .long, help: "How many error slices to report.")
    var topSlices: Int = 10

    @Option(name: .long, help: "Smallest slice size reported by error analysis.")
    var minSliceRows: Int = 20

    @Option(name: .long, help: "Extra text read as missing, comma-separated (e.g. '?').")
    var naValues: String?

    public init() {}

    public func validate() throws {
        guard calibrationBins >= 1 else { throw ValidationError("--calibration-bins must be at least 1") }
        if let sweep, sweep < 1 { throw ValidationError("--sweep must be at least 1") }
        guard topSlices >= 1, minSliceRows >= 1 else { throw ValidationError("--top-slices and --min-slice-rows must be at least 1") }
    }

    public func run() throws {
        let input = try LabelColumns(path: data, naValues: naValues)
        let resolvedTask = try task ?? EvaluationTask.infer(try input.table.requireColumn(label))
        var report: [String: MetricJSON]
        var warnings: [String] = []
        var errors: [Double] = []
        switch resolvedTask {
        case .classification:
            (report, errors) = try ClassificationReport.build(input: input, label: label, prediction: prediction, score: score,
                                                              group: group, positiveLabel: positiveLabel,
                                                              bins: calibrationBins, sweep: sweep, warnings: &warnings)
        case .regression:
            (report, errors) = try RegressionReport.build(input: input, label: label, prediction: prediction, group: group,
                                                          warnings: &warnings)
        }
        if !slices.isEmpty {
            var features: [(name: String, column: SliceColumn)] = []
            for name in slices.flatMap({ CommandSupport.list($0) ?? [] }) {
                let column = try input.table.requireColumn(name)
                if column.kind == .numeric, let values = column.numbers {
                    features.append((name, .numeric(values.map { $0.isNaN ? nil : $0 })))
                } else {
                    features.append((name, .categorical(column.strings)))
                }
            }
            let top = try ErrorAnalysis.topSlices(errors: errors, features: features, bins: 4, minRows: minSliceRows, top: topSlices)
            report["error_analysis"] = .array(top.map { s in
                .object(["feature": .string(s.feature), "slice": .string(s.condition), "rows": .int(s.rows),
                         "error_rate": .num(s.errorRate), "lift": .num(s.lift)])
            })
        }
        report["task"] = .string(resolvedTask.rawValue)
        report["rows"] = .int(input.table.rowCount)
        report["warnings"] = .array(warnings.map(MetricJSON.string))
        var params = ["data": data, "label": label, "prediction": prediction, "task": resolvedTask.rawValue]
        if let score { params["score"] = score }
        if let group { params["group"] = group }
        try ReportOutput.emit(.object(report), command: "ml evaluate", artifact: "evaluation.json", params: params)
    }
}

/// What kind of target is evaluated.
public enum EvaluationTask: String, ExpressibleByArgument, CaseIterable, Sendable {
    case classification, regression

    /// Classification for text or boolean labels, or numeric labels that are all integers with at most
    /// 20 distinct values; regression otherwise.
    /// The rule is MLCore's `TaskKind.infer(label:)`, shared with `ml train`.
    static func infer(_ column: Column) throws -> EvaluationTask {
        TaskKind.infer(label: column) == .classification ? .classification : .regression
    }
}
