import CLICore
import Exam

/// The outline shipped with mlopslab could not be loaded; a user-facing, one-line error.
extension OutlineError: UserFacingError {}

/// The bank has problems that stop a command that needs a clean bank.
enum PacksError: UserFacingError {
    case invalidBank(problems: Int, first: Diagnostic)
    case unknownFormat(String)

    var message: String {
        switch self {
        case .invalidBank(let problems, let first):
            return "the bank has \(problems) problem\(problems == 1 ? "" : "s"), first: \(first); run `mlopslab packs validate` for all of them"
        case .unknownFormat(let format):
            return "unknown export format `\(format)`; the only format is json"
        }
    }

    var exitCode: Int32 {
        switch self {
        case .invalidBank: return 1
        case .unknownFormat: return 2
        }
    }
}
