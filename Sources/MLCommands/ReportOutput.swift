import CLICore
import Foundation

/// Prints a report and, inside a job run, logs its parameters, top-level metrics and the report itself.
enum ReportOutput {
    /// `extraMetrics` are logged besides the report's top-level numbers (e.g. per-feature drift metrics).
    static func emit(_ report: MetricJSON, command: String, artifact: String, params: [String: String],
                     extraMetrics: [String: Double] = [:]) throws {
        let text = try JSONOutput.encode(report)
        if let run = RunLog.current() {
            try run.setTag("mlopslab.command", command)
            try run.logParams(params)
            let metrics = report.topLevelNumbers.merging(extraMetrics) { a, _ in a }
            for (key, value) in metrics.sorted(by: { $0.key < $1.key }) where value.isFinite {
                try run.logMetric(key, value)
            }
            try run.logText(text, as: artifact)
        }
        CommandContext.active.console.line(text)
    }
}
