import ArgumentParser
import CLICore
import MLMetrics

/// `mlopslab ml estimate-performance`: classifier metrics without labels (NannyML's CBPE).
public struct EstimatePerformanceCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "estimate-performance",
        abstract: "Estimate a binary classifier's metrics on unlabelled data from its probabilities (CBPE); prints JSON.",
        discussion: """
        The reference file has labels and scores; scores are calibrated with isotonic regression when that \
        lowers the expected calibration error (10 folds). On the analysis file, expected confusion counts give \
        estimated accuracy, precision, recall, f1 and roc_auc, overall and per chunk; a chunk alerts when an \
        estimate leaves the band mean ± 3 std of the realized reference chunks. Assumes no concept drift.
        """
    )

    @Option(name: .long, help: "Labelled CSV (e.g. the test set) with label and score columns.")
    var reference: String

    @Option(name: .long, help: "Unlabelled CSV (production) with the score column.")
    var analysis: String

    @Option(name: .long, help: "Label column in the reference file (two values).")
    var label: String

    @Option(name: .long, help: "Column with the probability of the positive class, in both files.")
    var score: String

    @Option(name: .long, help: "Prediction column in the analysis file (default: score ≥ --threshold).")
    var prediction: String?

    @Option(name: .long, help: "Score at or above which a row is predicted positive.")
    var threshold: Double = 0.5

    @Option(name: .long, help: "Number of equal chunks (in row order) for the reference and the analysis.")
    var chunks: Int = 10

    @Option(name: .long, help: "The positive label (default: 1, true, or the greater of two sorted labels).")
    var positiveLabel: String?

    @Option(name: .long, help: "Extra text read as missing, comma-separated (e.g. '?').")
    var naValues: String?

    public init() {}

    public func validate() throws {
        guard chunks >= 1 else { throw ValidationError("--chunks must be at least 1") }
        guard threshold >= 0, threshold <= 1 else { throw ValidationError("--threshold must be in [0, 1]") }
    }

    public func run() throws {
        let ref = try LabelColumns(path: reference, naValues: naValues)
        let ana = try LabelColumns(path: analysis, naValues: naValues)
        let labels = try ref.labels(label)
        let labelSet = try LabelSet(values: [labels], positive: positiveLabel)
        if labelSet.labels.count == 1, let only = labelSet.labels.first {
            throw MetricsInputError.singleClass(column: label, path: reference, label: only, command: "estimate-performance")
        }
        guard labelSet.isBinary, let positive = labelSet.positive else {
            throw MetricsInputError.notBinary(column: label, labels: labelSet.labels)
        }
        var warnings: [String] = labelSet.note.map { [$0] } ?? []
        let refScores = try ref.probabilities(score, command: "estimate-performance")
        let estimator = try ConfidenceBasedEstimator(referenceLabels: labels.map { $0 == positive }, referenceScores: refScores,
                                                     threshold: threshold, chunkCount: chunks)
        let scores = try ana.probabilities(score, command: "estimate-performance")
        for (file, rows) in [(reference, labels.count), (analysis, scores.count)] where rows < chunks {
            warnings.append("--chunks \(chunks) asks for more chunks than \(file) has rows (\(rows)): it is cut into \(rows) chunk(s) of one row")
        }
        var predictions: [Bool]?
        if let prediction {
            predictions = try ana.labels(prediction).map { $0 == positive }
        }
        let overall = try estimator.estimate(scores: scores, predictions: predictions)
        let metricNames = ["accuracy", "precision", "recall", "f1", "roc_auc"]
        var bands: [String: MetricJSON] = [:]
        for m in metricNames {
            if let band = estimator.thresholds(metric: m) {
                bands[m] = .object(["lower": .num(band.lower), "upper": .num(band.upper)])
            }
        }
        var chunkReports: [MetricJSON] = []
        for range in Chunking.ranges(count: scores.count, chunks: chunks) {
            let estimate = try estimator.estimate(scores: Array(scores[range]), predictions: predictions.map { Array($0[range]) })
            let values = Self.values(estimate)
            var alerts: [MetricJSON] = []
            for m in metricNames {
                guard let v = values[m] ?? nil, let band = estimator.thresholds(metric: m) else { continue }
                if v < band.lower || v > band.upper { alerts.append(.string(m)) }
            }
            chunkReports.append(.object([
                "start_row": .int(range.lowerBound + 1), "end_row": .int(range.upperBound),
                "estimated": Self.json(estimate), "alerts": .array(alerts),
            ]))
        }
        if estimator.calibrator == nil {
            warnings.append("scores were used as they are: isotonic calibration did not lower the expected calibration error on the reference")
        }
        var r: [String: MetricJSON] = [
            "method": .string("cbpe"),
            "positive_label": .string(positive),
            "calibrated": .bool(estimator.calibrator != nil),
            "reference_expected_calibration_error": .num(estimator.referenceECE),
            "calibrated_expected_calibration_error_cv": .num(estimator.crossValidatedCalibratedECE),
            "estimated": Self.json(overall),
            "chunks": .array(chunkReports),
            "thresholds": .object(bands),
            "reference_rows": .int(labels.count),
            "analysis_rows": .int(scores.count),
        ]
        for (k, v) in Self.values(overall) { r["estimated_\(k)"] = .num(v) }
        if ana.table.column(named: label) != nil {
            let truth = try ana.labels(label).map { $0 == positive }
            let yhat = predictions ?? scores.map { $0 >= threshold }
            let realized = GroupMetrics(group: "analysis", yTrue: truth, yPred: yhat)
            r["realized"] = .object([
                "accuracy": .num(realized.accuracy), "precision": .num(realized.precision),
                "recall": .num(realized.truePositiveRate), "f1": .num(realized.f1),
                "roc_auc": .num(try RankingMetrics.rocAUC(yTrue: truth, scores: scores).value),
            ])
        }
        r["warnings"] = .array(warnings.map(MetricJSON.string))
        try ReportOutput.emit(.object(r), command: "ml estimate-performance", artifact: "performance_estimate.json",
                              params: ["reference": reference, "analysis": analysis, "label": label, "score": score,
                                       "threshold": String(threshold), "chunks": String(chunks)])
    }

    private static func values(_ e: EstimatedPerformance) -> [String: Double?] {
        ["accuracy": e.accuracy, "precision": e.precision, "recall": e.recall, "f1": e.f1, "roc_auc": e.rocAUC]
    }

    private static func json(_ e: EstimatedPerformance) -> MetricJSON {
        .object([
            "rows": .int(e.rows), "accuracy": .num(e.accuracy), "precision": .num(e.precision), "recall": .num(e.recall),
            "f1": .num(e.f1), "roc_auc": .num(e.rocAUC),
            "expected_confusion_matrix": .object([
                "tn": .num(e.expectedTrueNegatives), "fp": .num(e.expectedFalsePositives),
                "fn": .num(e.expectedFalseNegatives), "tp": .num(e.expectedTruePositives),
            ]),
        ])
    }
}
