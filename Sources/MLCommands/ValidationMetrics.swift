import MLCore
import MLMetrics

/// The held-out metrics `ml train --validation-data` reports and logs: the model scores the validation
/// file right after training, and each metric is named `val_<metric>` (the names a training script would
/// pass to MLflow's log_metric).
enum ValidationMetrics {
    static func compute(model: TrainedModel, validation: Table) throws -> [String: Double] {
        let label = model.label.column
        let truth = try validation.requireColumn(label)
        guard truth.missingCount == 0 else {
            throw MetricsInputError.missingValue(column: label, location: "the validation data (\(truth.missingCount) row(s))")
        }
        let (scored, _) = try model.score(validation)
        switch model.task {
        case .regression:
            let y = try validation.requireNumbers(label)
            let p = try scored.requireNumbers("prediction")
            return [
                "val_rmse": try RegressionMetrics.rmse(yTrue: y, yPred: p),
                "val_mae": try RegressionMetrics.mae(yTrue: y, yPred: p),
            ].merging(try RegressionMetrics.r2(yTrue: y, yPred: p).value.map { ["val_r2": $0] } ?? [:]) { a, _ in a }
        case .classification:
            let y = truth.strings.map { $0 ?? "" }
            let p = try scored.requireColumn("prediction").strings.map { $0 ?? "" }
            var metrics = ["val_accuracy": try ClassificationMetrics.accuracy(yTrue: y, yPred: p)]
            if let positive = model.label.positiveClass {
                let isPositive = y.map { $0 == positive }
                let probability = try scored.requireNumbers("probability")
                if let auc = try RankingMetrics.rocAUC(yTrue: isPositive, scores: probability).value { metrics["val_roc_auc"] = auc }
                metrics["val_log_loss"] = try ProbabilityMetrics.logLoss(yTrue: isPositive, probabilities: probability)
            }
            return metrics
        }
    }
}
