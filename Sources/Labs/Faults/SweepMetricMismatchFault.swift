import Foundation

/// A sweep job whose objective names a metric the trial script never logs: every trial runs and
/// completes, but the sweep has nothing to rank them by, so it fails and no best trial is reported.
struct SweepMetricMismatchFault: FaultKind {
    let name = "sweep-metric-mismatch"
    let summary = "A sweep job's objective.primary_metric is set to a name the trial script never logs (MLflow metric names are exact): the trials complete, but the sweep cannot rank them, ends Failed and reports no best trial."
    let parameters = [
        FaultParameter("file", "the sweep job YAML in the working folder"),
        FaultParameter("metric", "the metric name the objective gets (one the script does not log)"),
    ]

    func apply(_ arguments: FaultArguments, to sandbox: LabSandbox) throws {
        let file = try arguments.string("file")
        let metric = try arguments.string("metric")
        guard !metric.isEmpty, !metric.contains(where: \.isWhitespace) else {
            throw LabError.failed("fault \(name): `metric` must be one word")
        }
        let text = try sandbox.read(file)
        guard text.contains("type: sweep") else { throw LabError.failed("\(file) is not a sweep job (no `type: sweep`)") }
        try sandbox.setYAMLScalar(in: file, path: "objective.primary_metric", to: metric)
    }
}
