import Foundation

/// The text `az ml job stream` and `az ml job create --stream` print (CLI reference §3.2).
public enum JobStreamFormat {
    /// `RunId:`, `Web View:` and the "Streaming <log>" heading, underlined with `=` (name length + 10).
    public static func header(job: String, type: String, workspace: WorkspaceContext) -> String {
        let log = JobSandbox.streamedLogName(type: type)
        let heading = "Streaming \(log)"
        return "RunId: \(job)\nWeb View: \(workspace.webViewURL(job: job))\n\n\(heading)\n\(String(repeating: "=", count: log.count + 10))\n\n"
    }

    /// The closing `Execution Summary` block, with warnings when there are any.
    public static func summary(job: String, workspace: WorkspaceContext, warnings: [String] = []) -> String {
        var text = "\nExecution Summary\n=================\nRunId: \(job)\nWeb View: \(workspace.webViewURL(job: job))\n"
        if !warnings.isEmpty {
            text += "\nWarnings:\n" + warnings.map { $0 + "\n" }.joined()
        }
        return text + "\n"
    }

    /// What az raises after streaming a failed job: `Exception : ` and the error as indented JSON.
    public static func failure(_ error: JobErrorInfo) -> String {
        "Exception : \n {\n    \"error\": {\n        \"code\": \(jsonString(error.code)),\n        \"message\": \(jsonString(error.message))\n    }\n} "
    }

    static func jsonString(_ text: String) -> String {
        var escaped = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": escaped += "\\\""
            case "\\": escaped += "\\\\"
            case "\n": escaped += "\\n"
            case "\r": escaped += "\\r"
            case "\t": escaped += "\\t"
            default:
                if scalar.value < 0x20 { escaped += String(format: "\\u%04x", scalar.value) } else { escaped.unicodeScalars.append(scalar) }
            }
        }
        return escaped + "\""
    }
}

/// Follows a job's streamed log from any process until the job ends.
public enum JobStreamer {
    /// Writes the header, the log as it grows, and the summary. `currentStatus` is polled (the Workspace
    /// reads it from its store); streaming ends once it is terminal and the log is drained. Returns the
    /// last status seen; a failed job's error text is for the caller to print (`JobStreamFormat.failure`).
    /// When `interrupted` turns true (Ctrl-C) it stops at once without the summary; the job keeps running.
    @discardableResult
    public static func stream(job: String, type: String, sandbox: URL, workspace: WorkspaceContext,
                              currentStatus: () -> JobStatus?, write: (String) -> Void,
                              pollInterval: Double = 0.05, maximumWait: Double? = nil, interrupted: () -> Bool = { false }) -> JobStatus? {
        write(JobStreamFormat.header(job: job, type: type, workspace: workspace))
        let file = sandbox.appendingPathComponent(JobSandbox.streamedLogName(type: type))
        let tailer = LogTailer(file: file)
        let started = Date()
        var status = currentStatus()
        while true {
            if let text = tailer.read() { write(text) }
            if let current = status, current.isTerminal { break }
            if interrupted() { return status }
            if let maximumWait, Date().timeIntervalSince(started) > maximumWait { break }
            Thread.sleep(forTimeInterval: pollInterval)
            status = currentStatus()
        }
        if let rest = tailer.read(flush: true) { write(rest.hasSuffix("\n") ? rest : rest + "\n") }
        write(JobStreamFormat.summary(job: job, workspace: workspace))
        return status
    }
}
