import CLICore
import Exam

/// The outline shipped with mlopslab could not be loaded; a user-facing, one-line error.
extension OutlineError: UserFacingError {}

/// The bank has problems that stop a command that needs a clean bank.
enum PacksError: UserFacingError {
    case invalidBank(problems: Int, first: Diagnostic)
    case unknownFormat(String)
    /// No PATH was given and the default bank folder does not exist.
    case noBank(String)

    var message: String {
        switch self {
        case .invalidBank(let problems, let first):
            return "the bank has \(problems) problem\(problems == 1 ? "" : "s"), first: \(first); run `mlopslab packs validate` for all of them"
        case .unknownFormat(let format):
            return "unknown export format `\(format)`; the only format is json"
        case .noBank(let folder):
            return "no scenario bank at \(folder); pass pack files or folders, or set MLOPSLAB_SCENARIOS to the bank folder"
        }
    }

    var exitCode: Int32 {
        switch self {
        case .invalidBank: return 1
        case .unknownFormat, .noBank: return 2
        }
    }
}

/// A malformed typed answer; the message is the one-line hint.
extension AnswerFormatError: UserFacingError {
    public var exitCode: Int32 { 2 }
}
