import CLICore
import MLCore

// MLCore has no dependency on CLICore; its error enums already carry a one-line `message`, so the
// command layer declares them user-facing here. Bad data is bad input (exit status 2).

extension CSVError: UserFacingError {
    public var exitCode: Int32 {
        switch self {
        case .unreadable, .unwritable: return 1
        default: return 2
        }
    }
}

extension TableError: UserFacingError {
    public var exitCode: Int32 { 2 }
}

extension ModelError: UserFacingError {
    public var exitCode: Int32 { 2 }
}

extension ArtifactError: UserFacingError {
    public var exitCode: Int32 {
        switch self {
        case .unwritable: return 1
        default: return 2
        }
    }
}
