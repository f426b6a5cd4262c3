import Foundation

/// An error whose message a learner can act on. Commands throw these; the edge prints
/// `message` as one line (prefixed `error:`) and uses `exitCode`.
public protocol UserFacingError: Error, CustomStringConvertible {
    /// One line: what went wrong, where, and what to do next.
    var message: String { get }
    /// Process exit status for one-shot runs (1 for a failed operation, 2 for bad usage or input).
    var exitCode: Int32 { get }
}

extension UserFacingError {
    public var description: String { message }
    public var exitCode: Int32 { 1 }
}

/// Errors shared by all commands.
public enum CLIError: UserFacingError, Equatable {
    /// The state home could not be created or opened.
    case stateHome(path: String, reason: String)
    /// A file could not be read.
    case unreadableFile(path: String, reason: String)
    /// A file could not be written.
    case unwritableFile(path: String, reason: String)
    /// Input that does not fit what the command expects.
    case invalidInput(String)

    public var message: String {
        switch self {
        case .stateHome(let path, let reason): return "cannot use state home \(path): \(reason)"
        case .unreadableFile(let path, let reason): return "cannot read \(path): \(reason)"
        case .unwritableFile(let path, let reason): return "cannot write \(path): \(reason)"
        case .invalidInput(let text): return text
        }
    }

    public var exitCode: Int32 {
        switch self {
        case .invalidInput: return 2
        default: return 1
        }
    }
}
