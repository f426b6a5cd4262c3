import CLICore
import Foundation

/// Prints a report and, inside a job run, logs its parameters, top-level metrics and the report itself.
enum ReportOutput {
    static func emit(_ report: MetricJSON, command: String, artifact: String, params: [String: String]) throws {
        let text = try JSONOutput.encode(report)
        if let run = RunLog.current() {
            try run.setTag("mlopslab.command", command)
            try run.logParams(params)
            for (key, value) in report.topLevelNumbers.sorted(by: { $0.key < $1.key }) {
                try run.logMetric(key, value)
            }
            let url = try run.file(in: "artifacts", key: artifact)
            do {
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data((text + "\n").utf8).write(to: url, options: .atomic)
            } catch {
                throw RunLogError.io(path: url.path, reason: error.localizedDescription)
            }
        }
        CommandContext.active.console.line(text)
    }
}
