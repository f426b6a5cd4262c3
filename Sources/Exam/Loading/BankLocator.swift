import Foundation
import Primitives

/// Finds the default scenario bank folder.
///
/// Order: the `MLOPSLAB_SCENARIOS` environment variable; else the repository's `scenarios/`
/// folder located from this source file's path, then from the executable's (`swift run`, tests,
/// and any working directory); else `./scenarios` relative to the working directory.
public enum BankLocator {
    /// The environment variable that overrides the bank folder.
    public static let environmentKey = "MLOPSLAB_SCENARIOS"

    /// The bank folder to use when no path is given.
    public static func defaultFolder(
        environment: [String: String] = ProcessInfo.processInfo.environment,
        sourceFile: String = #filePath,
        fileExists: (String) -> Bool = { FileManager.default.fileExists(atPath: $0) },
        repositoryFolder: (String) -> URL? = { RepositoryFolder.find($0) }
    ) -> String {
        if let path = environment[environmentKey], !path.isEmpty { return path }
        // Sources/Exam/Loading/BankLocator.swift → repository root is four levels up.
        var root = URL(fileURLWithPath: sourceFile)
        for _ in 0..<4 { root.deleteLastPathComponent() }
        let repositoryBank = root.appendingPathComponent("scenarios").path
        if fileExists(repositoryBank) { return repositoryBank }
        return repositoryFolder("scenarios")?.path ?? "scenarios"
    }
}
