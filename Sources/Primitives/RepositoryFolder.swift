import Foundation

/// Finds a top-level folder of the mlopslab repository (`scenarios`, `labs`) from the running
/// executable: `swift run` and `swift build` put it under `<repository>/.build/<config>/`, so the
/// folder is found however the working directory changes (the REPL moves into a lab's folder).
public enum RepositoryFolder {
    /// The first `<ancestor>/name` beside a `Package.swift`, walking up from the executable's folder
    /// (then from the working directory); nil when there is none.
    public static func find(_ name: String, executable: String? = ownExecutable(), workingDirectory: String = FileManager.default.currentDirectoryPath) -> URL? {
        var starts: [URL] = []
        if let executable { starts.append(URL(fileURLWithPath: executable).deletingLastPathComponent()) }
        starts.append(URL(fileURLWithPath: workingDirectory))
        let manager = FileManager.default
        for start in starts {
            var folder = start.standardizedFileURL
            for _ in 0..<6 {
                let candidate = folder.appendingPathComponent(name)
                if manager.fileExists(atPath: folder.appendingPathComponent("Package.swift").path), manager.fileExists(atPath: candidate.path) {
                    return candidate
                }
                let parent = folder.deletingLastPathComponent()
                if parent.path == folder.path { break }
                folder = parent
            }
        }
        return nil
    }

    /// This process's executable, symlinks resolved.
    public static func ownExecutable() -> String? {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments.first
    }
}
