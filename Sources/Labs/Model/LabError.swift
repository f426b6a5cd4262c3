import CLICore
import Foundation

/// Why a lab operation could not be done, in words a learner or an author can act on.
public enum LabError: Error, Equatable, UserFacingError {
    case failed(String)
    case pathOutside(path: String, root: String)
    case commandFailed(line: String, status: Int32, stderr: String)
    case unknownLab(String, available: [String])
    case noActiveLab
    case invalid([String])

    public var message: String {
        switch self {
        case .failed(let text): return text
        case .pathOutside(let path, let root): return "\(path) points outside \(root); use a relative path inside it"
        case .commandFailed(let line, let status, let stderr):
            let detail = stderr.trimmingCharacters(in: .whitespacesAndNewlines)
            return "`\(line)` failed (exit \(status))" + (detail.isEmpty ? "" : ": \(detail)")
        case .unknownLab(let id, let available):
            return "there is no lab `\(id)`" + (available.isEmpty ? "" : "; labs: \(available.joined(separator: ", "))")
        case .noActiveLab: return "no lab is in progress; start one with `lab start ID` (`lab list` shows them)"
        case .invalid(let problems): return problems.joined(separator: "\n")
        }
    }

    public var exitCode: Int32 { 1 }
}
