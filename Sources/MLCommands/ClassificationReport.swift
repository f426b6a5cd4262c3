import MLMetrics

/// Builds the classification part of `ml evaluate`'s report.
enum ClassificationReport {
    /// Returns the report entries and the per-row error (1 = misclassified) for error analysis.
    static func build(input: LabelColumns, label: String, prediction: String, score: String?, group: String?,
                      positiveLabel: String?, bins: Int, sweep: Int?, warnings: inout [String]) throws -> ([String: MetricJSON], [Double]) {
        let yTrue = try input.labels(label)
        let yPred = try input.labels(prediction)
        let labelSet = try LabelSet(values: [yTrue, yPred], positive: positiveLabel)
        if let note = labelSet.note { warnings.append(note) }
        let t = labelSet.codes(yTrue), p = labelSet.codes(yPred)
        var r: [String: MetricJSON] = [:]
        r["labels"] = .array(labelSet.labels.map(MetricJSON.string))
        r["accuracy"] = .num(try ClassificationMetrics.accuracy(yTrue: t, yPred: p))
        let balanced = try ClassificationMetrics.balancedAccuracy(yTrue: t, yPred: p)
        r["balanced_accuracy"] = .num(balanced.value)
        warnings += balanced.warnings
        for averaging in [Averaging.macro, .weighted] {
            let prf = try ClassificationMetrics.precisionRecallF1(yTrue: t, yPred: p, averaging: averaging, positive: 0)
            r["precision_\(averaging.rawValue)"] = .num(prf.precision.value)
            r["recall_\(averaging.rawValue)"] = .num(prf.recall.value)
            r["f1_\(averaging.rawValue)"] = .num(prf.f1.value)
        }
        let binary = labelSet.isBinary
        let positiveIndex = labelSet.positive.flatMap { labelSet.labels.firstIndex(of: $0) } ?? 0
        if binary {
            r["average"] = .string("binary")
            r["positive_label"] = .string(labelSet.labels[positiveIndex])
            let prf = try ClassificationMetrics.precisionRecallF1(yTrue: t, yPred: p, averaging: .binary, positive: positiveIndex)
            r["precision"] = .num(prf.precision.value)
            r["recall"] = .num(prf.recall.value)
            r["f1"] = .num(prf.f1.value)
            warnings += prf.precision.warnings + prf.recall.warnings + prf.f1.warnings
            let cm = try ConfusionMatrix(yTrue: t, yPred: p).binaryCounts(positive: positiveIndex)
            r["confusion_matrix"] = cm.json
        } else {
            r["average"] = .string("macro")
            let prf = try ClassificationMetrics.precisionRecallF1(yTrue: t, yPred: p, averaging: .macro, positive: 0)
            r["precision"] = .num(prf.precision.value)
            r["recall"] = .num(prf.recall.value)
            r["f1"] = .num(prf.f1.value)
            warnings += prf.precision.warnings + prf.recall.warnings + prf.f1.warnings
            let cm = try ConfusionMatrix(yTrue: t, yPred: p, labels: Array(labelSet.labels.indices))
            r["confusion_matrix"] = .object([
                "labels": .array(labelSet.labels.map(MetricJSON.string)),
                "matrix": .array(cm.counts.map { .array($0.map(MetricJSON.int)) }),
            ])
        }
        let yBool = t.map { $0 == positiveIndex }
        for key in ["roc_auc", "average_precision", "log_loss", "brier_score", "expected_calibration_error"] { r[key] = .null }
        if let score {
            let s = try input.numbers(score, expected: "a score or probability of the positive class")
            if !binary {
                warnings.append("roc_auc, average_precision, log_loss and brier_score need two labels; \(labelSet.labels.count) found, so they are null")
            } else {
                let auc = try RankingMetrics.rocAUC(yTrue: yBool, scores: s)
                r["roc_auc"] = .num(auc.value)
                warnings += auc.warnings
                let ap = try RankingMetrics.averagePrecision(yTrue: yBool, scores: s)
                r["average_precision"] = .num(ap.value)
                warnings += ap.warnings
                if let bad = s.firstIndex(where: { $0 < 0 || $0 > 1 }) {
                    warnings.append("\(input.location(bad)): score \(s[bad]) is not a probability in [0, 1], so log_loss, brier_score and calibration are null")
                } else {
                    r["log_loss"] = .num(try ProbabilityMetrics.logLoss(yTrue: yBool, probabilities: s))
                    r["brier_score"] = .num(try ProbabilityMetrics.brierScore(yTrue: yBool, probabilities: s))
                    let curve = try ProbabilityMetrics.calibrationCurve(yTrue: yBool, probabilities: s, bins: bins)
                    r["calibration_curve"] = .object([
                        "bins": .int(bins),
                        "fraction_of_positives": .array(curve.map { .num($0.fractionOfPositives) }),
                        "mean_predicted_probability": .array(curve.map { .num($0.meanPredictedProbability) }),
                        "count": .array(curve.map { .int($0.count) }),
                    ])
                    r["expected_calibration_error"] = .num(try ProbabilityMetrics.expectedCalibrationError(yTrue: yBool, probabilities: s, bins: bins))
                }
                if let sweep {
                    let points = try ThresholdSweep.sweep(yTrue: yBool, scores: s, thresholds: ThresholdSweep.evenThresholds(steps: sweep))
                    r["threshold_sweep"] = .array(points.map { pt in
                        .object(["threshold": .num(pt.threshold), "precision": .num(pt.precision), "recall": .num(pt.recall),
                                 "f1": .num(pt.f1), "accuracy": .num(pt.accuracy), "selection_rate": .num(pt.selectionRate),
                                 "confusion_matrix": pt.counts.json])
                    })
                }
            }
        }
        if let group {
            let groups = try input.groups(group)
            if !binary {
                warnings.append("fairness disparities need two labels; \(labelSet.labels.count) found, so by_group holds accuracy only")
                var rows: [String: [Int]] = [:]
                for (i, g) in groups.enumerated() { rows[g, default: []].append(i) }
                var byGroup: [String: MetricJSON] = [:]
                for (g, idx) in rows {
                    let acc = try ClassificationMetrics.accuracy(yTrue: idx.map { t[$0] }, yPred: idx.map { p[$0] })
                    byGroup[g] = .object(["count": .int(idx.count), "accuracy": .num(acc)])
                }
                r["by_group"] = .object(byGroup)
            } else {
                let fairness = try FairnessReport(yTrue: yBool, yPred: p.map { $0 == positiveIndex }, groups: groups)
                FairnessJSON.add(fairness, to: &r)
                warnings += fairness.warnings
            }
        }
        return (r, zip(t, p).map { $0.0 == $0.1 ? 0 : 1 })
    }
}

/// Fairness entries shared by `ml evaluate --group` and `ml fairness`.
enum FairnessJSON {
    static func add(_ report: FairnessReport, to r: inout [String: MetricJSON]) {
        r["demographic_parity_difference"] = .num(report.demographicParityDifference)
        r["demographic_parity_ratio"] = .num(report.demographicParityRatio)
        r["equalized_odds_difference"] = .num(report.equalizedOddsDifference)
        r["equalized_odds_ratio"] = .num(report.equalizedOddsRatio)
        var byGroup: [String: MetricJSON] = [:]
        for g in report.byGroup { byGroup[g.group] = g.json }
        r["by_group"] = .object(byGroup)
    }
}
