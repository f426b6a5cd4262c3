import Foundation

/// Azure ML job statuses (as the SDK names them).
public enum JobStatus: String, Sendable, Equatable, CaseIterable, Codable {
    case notStarted = "NotStarted"
    /// Accepted by the service, waiting for its runner process (what `az ml job create` prints).
    case starting = "Starting"
    case queued = "Queued"
    case preparing = "Preparing"
    case running = "Running"
    case finalizing = "Finalizing"
    case cancelRequested = "CancelRequested"
    case completed = "Completed"
    case failed = "Failed"
    case canceled = "Canceled"

    /// Whether the job has ended.
    public var isTerminal: Bool {
        switch self {
        case .completed, .failed, .canceled: return true
        default: return false
        }
    }

    /// Whether `next` may follow `self` (the engine only moves along these edges).
    public func canMove(to next: JobStatus) -> Bool {
        if isTerminal { return false }
        switch (self, next) {
        case (_, .failed), (_, .canceled): return true
        case (.running, .cancelRequested), (.preparing, .cancelRequested), (.queued, .cancelRequested), (.starting, .cancelRequested): return true
        case (.notStarted, .queued), (.notStarted, .starting), (.starting, .queued), (.queued, .preparing), (.preparing, .running), (.running, .finalizing), (.finalizing, .completed):
            return true
        default: return false
        }
    }
}

/// Why a job failed, in the shape az prints (`{"code": "UserError", "message": ...}`).
public struct JobErrorInfo: Sendable, Equatable, Codable {
    /// `UserError` for problems in the job's code or input, `SystemError` for the simulator's own.
    public var code: String
    public var message: String

    public init(code: String, message: String) {
        self.code = code
        self.message = message
    }
}
