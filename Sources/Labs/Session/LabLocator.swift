import Foundation

/// Finds the labs folder: `MLOPSLAB_LABS`; else the repository's `labs/` located from this source
/// file (for `swift run` and tests); else `./labs`.
public enum LabLocator {
    public static let environmentKey = "MLOPSLAB_LABS"

    public static func defaultFolder(environment: [String: String] = ProcessInfo.processInfo.environment, sourceFile: String = #filePath) -> URL {
        if let path = environment[environmentKey], !path.isEmpty { return URL(fileURLWithPath: path) }
        var root = URL(fileURLWithPath: sourceFile)
        for _ in 0..<4 { root.deleteLastPathComponent() }
        let repository = root.appendingPathComponent("labs")
        if FileManager.default.fileExists(atPath: repository.path) { return repository }
        return URL(fileURLWithPath: "labs")
    }
}
