import CLICore
import Foundation

/// Failures of workspace operations, worded as az words them (the az layer prefixes `ERROR: `).
public enum WorkspaceError: UserFacingError, Equatable {
    /// A resource or asset version does not exist.
    case notFound(kind: String, name: String, version: String?, scope: String)
    /// An asset name and version exists with different content (versions are immutable).
    case versionConflict(kind: String, name: String, version: String)
    /// A local path leaves the allowed folders.
    case pathRefused(path: String, reason: String)
    /// A local path does not exist.
    case pathMissing(path: String)
    /// A YAML file failed schema validation (the full az template).
    case schema(String)
    /// An argument value is wrong (usage error, exit 2).
    case invalidArgument(String)
    /// A resource already exists where az refuses duplicates.
    case alreadyExists(kind: String, name: String)
    /// A feature the simulator does not implement yet.
    case notSimulated(String)
    /// Any other failed operation.
    case failed(String)

    public var message: String {
        switch self {
        case .notFound(let kind, let name, let version, let scope):
            if let version { return "(UserError) \(kind) \(name):\(version) was not found in \(scope)." }
            return "(ResourceNotFound) \(kind) '\(name)' was not found in \(scope)."
        case .versionConflict(let kind, let name, let version):
            return "(UserError) Conflict: \(kind) \(name) version \(version) already exists with different content. Asset versions are immutable: pass a new --version, or omit it to get the next version automatically."
        case .pathRefused(let path, let reason):
            return "Path refused: \(path): \(reason). Asset paths must stay inside the working folder, the YAML file's folder or the state home."
        case .pathMissing(let path):
            return "No such file or directory: \(path)"
        case .schema(let text): return text
        case .invalidArgument(let text): return text
        case .alreadyExists(let kind, let name):
            return "(UserError) A \(kind) with the name '\(name)' already exists. Use a different name, or `update` to change the existing one."
        case .notSimulated(let feature): return "not simulated yet: \(feature)"
        case .failed(let text): return text
        }
    }

    public var exitCode: Int32 {
        switch self {
        case .invalidArgument: return 2
        default: return 1
        }
    }
}
