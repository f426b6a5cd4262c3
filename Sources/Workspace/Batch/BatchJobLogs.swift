import Foundation

/// The log files of a batch scoring job, shaped like Azure ML's parallel-run logs
/// (`logs/job_progress_overview.txt`, `logs/job_result.txt`, `logs/job_error.txt`).
struct BatchJobLogs {
    var jobName: String
    var settings: BatchSettings
    var result: BatchScoringResult
    var inputFiles: Int
    var failed: Bool
    var thresholdCrossed: Bool

    var failedBatches: [MiniBatchOutcome] { result.miniBatches.filter { !$0.succeeded } }

    func progressOverview() -> String {
        var lines = [
            "Job: \(jobName)",
            "Mini-batch size: \(settings.miniBatchSize) file(s); max retries: \(settings.maxRetries); error threshold: \(settings.errorThreshold)",
            "\(result.miniBatches.count) mini-batches were created from \(inputFiles) file(s).",
        ]
        for batch in result.miniBatches {
            let state = batch.succeeded ? "succeeded, \(batch.rows) rows" : "FAILED after \(batch.attempts) attempt(s)"
            lines.append("mini-batch \(batch.index): [\(batch.files.joined(separator: ", "))] \(state) in \(String(format: "%.3f", batch.seconds)) s")
        }
        lines.append("\(result.miniBatches.count - failedBatches.count) mini-batches succeeded, \(failedBatches.count) failed; \(result.succeededFiles) item(s) succeeded, \(result.failedFiles) failed.")
        lines.append("The run \(failed ? "failed" : "completed") in \(String(format: "%.3f", result.seconds)) s.")
        return lines.joined(separator: "\n") + "\n"
    }

    func resultText() -> String {
        var text = "Overall job status: \(failed ? "Failed" : "Completed")\n"
        text += "Rows scored: \(result.rowsScored)\nItems succeeded: \(result.succeededFiles)\nItems failed: \(result.failedFiles)\n"
        text += "Output action: \(settings.outputAction.rawValue)"
        text += settings.outputAction == .appendRow && !failed ? " (score/\(settings.outputFileName))\n" : "\n"
        if failed { text += "Reason: \(failureReason())\n" }
        return text
    }

    func errors() -> String {
        failedBatches.map { "mini-batch \($0.index) [\($0.files.joined(separator: ", "))]: \($0.error ?? "")" }.joined(separator: "\n")
            + (failedBatches.isEmpty ? "" : "\n")
    }

    func streamLog() -> String {
        progressOverview() + (failedBatches.isEmpty ? "" : "\nErrors:\n" + errors())
    }

    func failureReason() -> String {
        if inputFiles == 0 { return "The input holds no files to score." }
        if thresholdCrossed {
            return "\(result.failedFiles) item(s) failed, over the error_threshold of \(settings.errorThreshold). First error: \(failedBatches.first?.error ?? ""). See logs/job_error.txt."
        }
        return "Every mini-batch failed. First error: \(failedBatches.first?.error ?? ""). See logs/job_error.txt."
    }
}
