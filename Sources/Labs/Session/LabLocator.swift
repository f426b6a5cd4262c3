import Primitives
import Foundation

/// Finds the labs folder: `MLOPSLAB_LABS`; else the repository's `labs/` found from the executable
/// (for `swift run`, `swift build` and tests); else `./labs`.
public enum LabLocator {
    public static let environmentKey = "MLOPSLAB_LABS"

    public static func defaultFolder(environment: [String: String] = ProcessInfo.processInfo.environment) -> URL {
        if let path = environment[environmentKey], !path.isEmpty { return URL(fileURLWithPath: path) }
        return RepositoryFolder.find("labs") ?? URL(fileURLWithPath: "labs")
    }
}
