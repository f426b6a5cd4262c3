import ArgumentParser
import CLICore
import MLMetrics

/// `mlopslab ml fairness`: Fairlearn's group metrics and disparities for a binary classifier.
public struct FairnessCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "fairness",
        abstract: "Per-group metrics, demographic parity and equalized odds (Fairlearn's definitions); prints JSON."
    )

    @Option(name: .long, help: "CSV file holding the label, prediction and sensitive columns.")
    var data: String

    @Option(name: .long, help: "Column with the true label (two values).")
    var label: String

    @Option(name: .long, help: "Column with the model's prediction (same two values).")
    var prediction: String

    @Option(name: .long, help: "Sensitive-feature column whose values form the groups.")
    var sensitive: String

    @Option(name: .long, help: "The positive label (default: 1, true, or the greater of two sorted labels).")
    var positiveLabel: String?

    @Option(name: .long, help: "Extra text read as missing, comma-separated (e.g. '?').")
    var naValues: String?

    public init() {}

    public func run() throws {
        let input = try LabelColumns(path: data, naValues: naValues)
        let yTrue = try input.labels(label)
        let yPred = try input.labels(prediction)
        let labelSet = try LabelSet(values: [yTrue, yPred], positive: positiveLabel)
        guard labelSet.isBinary, let positive = labelSet.positive else {
            throw MetricsInputError.notBinary(column: label, labels: labelSet.labels)
        }
        var warnings: [String] = labelSet.note.map { [$0] } ?? []
        let report = try FairnessReport(yTrue: yTrue.map { $0 == positive }, yPred: yPred.map { $0 == positive },
                                        groups: try input.groups(sensitive))
        warnings += report.warnings
        var r: [String: MetricJSON] = [
            "sensitive_feature": .string(sensitive),
            "positive_label": .string(positive),
            "rows": .int(input.table.rowCount),
            "overall": report.overall.json,
            "warnings": .array(warnings.map(MetricJSON.string)),
        ]
        FairnessJSON.add(report, to: &r)
        try ReportOutput.emit(.object(r), command: "ml fairness", artifact: "fairness.json",
                              params: ["data": data, "label": label, "prediction": prediction, "sensitive": sensitive])
    }
}
