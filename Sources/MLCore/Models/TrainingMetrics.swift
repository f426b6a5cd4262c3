import Foundation

/// The few training-set numbers stored with a model (the full metric set lives in MLMetrics).
enum TrainingMetrics {
    static func compute(predictions: ModelPredictions, classIndices: [Int32], targets: [Double], task: TaskKind) -> [String: Double] {
        switch task {
        case .classification:
            let k = predictions.classCount
            guard k > 0, !classIndices.isEmpty else { return [:] }
            var correct = 0
            var loss = 0.0
            for (i, y) in classIndices.enumerated() {
                if predictions.classIndices[i] == Int(y) { correct += 1 }
                let p = min(max(predictions.probabilities[i * k + Int(y)], Double.ulpOfOne), 1 - Double.ulpOfOne)
                loss -= log(p)
            }
            let n = Double(classIndices.count)
            return ["training_accuracy_score": Double(correct) / n, "training_log_loss": loss / n]
        case .regression:
            guard !targets.isEmpty else { return [:] }
            let n = Double(targets.count)
            var se = 0.0, ae = 0.0
            for (p, y) in zip(predictions.values, targets) { se += (p - y) * (p - y); ae += abs(p - y) }
            let mean = Statistics.mean(targets)
            let tss = targets.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
            let r2 = tss > 0 ? 1 - se / tss : (se == 0 ? 1 : 0)
            var metrics = ["training_root_mean_squared_error": (se / n).squareRoot(), "training_mean_absolute_error": ae / n]
            // scikit-learn: R² is not defined for fewer than two samples (NaN); leave it out.
            if targets.count >= 2 { metrics["training_r2_score"] = r2 }
            return metrics
        }
    }
}
