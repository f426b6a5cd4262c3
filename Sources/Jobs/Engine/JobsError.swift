import CLICore
import Foundation

/// Problems submitting or managing jobs that are not YAML schema errors.
public enum JobsError: UserFacingError, Equatable {
    /// A local path (input, code, component file) does not exist.
    case missingPath(field: String, path: String, position: SourcePosition)
    /// A reference the resolver does not know.
    case unknownReference(field: String, reference: String, reason: String)
    /// The sandbox could not be created or written.
    case sandbox(path: String, reason: String)
    /// No job with that name has a sandbox.
    case unknownJob(String)
    /// A pipeline's steps depend on each other in a circle.
    case cycle([String])

    public var message: String {
        switch self {
        case .missingPath(let field, let path, let position):
            return "\(position): \(field): No such file or directory: \(path)"
        case .unknownReference(let field, let reference, let reason):
            return "\(field): cannot resolve \(reference): \(reason)"
        case .sandbox(let path, let reason):
            return "cannot prepare the job folder \(path): \(reason)"
        case .unknownJob(let name):
            return "(UserError) Job \(name) was not found. Check the name with `az ml job list`."
        case .cycle(let steps):
            return "the pipeline's steps depend on each other in a cycle: \(steps.joined(separator: " -> ")); remove one of the ${{parent.jobs...}} bindings"
        }
    }
}
