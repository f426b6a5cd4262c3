import Foundation

/// The start every parent job (pipeline, sweep) shares: claim its folder, then record it as created,
/// NotStarted, Queued and Running.
enum ParentJobStart {
    /// The sandbox and the time it started running, or the failed result when the folder belongs to
    /// another job (a concurrent submission of the same name: nothing of it is touched).
    static func begin(_ info: JobRecordInfo, sink: any JobEventSink) -> Result<(sandbox: JobSandbox, startedAt: Date), JobFailure> {
        let sandbox = JobSandbox(root: info.sandbox)
        do {
            try sandbox.create()
        } catch {
            return .failure(JobFailure(result: JobResult(name: info.name, status: .failed, error: JobErrorInfo(code: "UserError", message: "\(error)"), endedAt: Date())))
        }
        sandbox.writeProcessInfo(pid: 0)
        sink.record(.created(info))
        for status in [JobStatus.notStarted, .queued] { sink.record(.status(job: info.name, status: status, at: Date())) }
        let startedAt = Date()
        sink.record(.status(job: info.name, status: .running, at: startedAt))
        return .success((sandbox, startedAt))
    }

    /// A parent job that could not start.
    struct JobFailure: Error {
        let result: JobResult
    }
}
