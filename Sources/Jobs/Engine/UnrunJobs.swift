import Foundation

extension CommandRunner {
    /// A child job that never starts (its dependency failed, its pipeline or sweep was canceled or ran out of
    /// time): recorded, then Canceled with the reason, which is also its log.
    func recordNotRun(_ info: JobRecordInfo, reason: String) -> JobResult {
        let sandbox = JobSandbox(root: info.sandbox)
        guard (try? sandbox.create()) != nil else {
            return JobResult(name: info.name, status: .canceled, error: JobErrorInfo(code: "UserError", message: reason), endedAt: Date())
        }
        JobSandbox.append(reason + "\n", to: sandbox.stdLog)
        sink.record(.created(info))
        sink.record(.status(job: info.name, status: .notStarted, at: Date()))
        return recordEnd(info, status: .canceled, error: JobErrorInfo(code: "UserError", message: reason), outputs: [:], reusedFrom: nil)
    }

    /// Ends a child job that did not run a process (not run, or reused): stores and reports its result.
    func recordEnd(_ info: JobRecordInfo, status: JobStatus, error: JobErrorInfo?, outputs: [String: URL], reusedFrom: String?) -> JobResult {
        let sandbox = JobSandbox(root: info.sandbox)
        let stored = StoredJobResult(status: status.rawValue, outputs: outputs.mapValues(\.path), errorMessage: error?.message)
        if let data = try? JSONEncoder().encode(stored) { try? data.write(to: sandbox.resultFile) }
        let result = JobResult(name: info.name, status: status, error: error, endedAt: Date(), outputs: outputs, reusedFrom: reusedFrom)
        sink.record(.status(job: info.name, status: status, at: result.endedAt))
        sink.record(.finished(result))
        return result
    }
}
