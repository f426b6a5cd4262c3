import Foundation

/// The folder that holds all of a learner's state (database, history, artifacts).
///
/// Chosen by `--home DIR`, else `MLOPSLAB_HOME`, else `~/.mlopslab`. Nothing is written outside it.
public struct StateHome: Sendable, Equatable {
    /// Absolute path of the folder.
    public let url: URL

    public init(url: URL) {
        self.url = url.standardizedFileURL
    }

    /// Resolves the home from an explicit option, then the environment, then the default.
    public static func resolve(option: String?, environment: [String: String] = ProcessInfo.processInfo.environment) -> StateHome {
        if let option, !option.isEmpty { return StateHome(url: URL(fileURLWithPath: expandTilde(option))) }
        if let env = environment["MLOPSLAB_HOME"], !env.isEmpty { return StateHome(url: URL(fileURLWithPath: expandTilde(env))) }
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        return StateHome(url: URL(fileURLWithPath: home).appendingPathComponent(".mlopslab"))
    }

    /// The SQLite database file.
    public var databaseURL: URL { url.appendingPathComponent("state.sqlite") }
    /// The REPL's line history.
    public var historyURL: URL { url.appendingPathComponent("history") }

    /// Creates the folder when it does not exist yet.
    public func ensureExists() throws {
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder) {
            if isFolder.boolValue { return }
            throw CLIError.stateHome(path: url.path, reason: "it is a file, not a folder; choose a folder with --home DIR or MLOPSLAB_HOME")
        }
        do {
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        } catch {
            throw CLIError.stateHome(path: url.path, reason: "the folder cannot be created: \(FileProblem.reason(error, at: url.path)); choose another folder with --home DIR or MLOPSLAB_HOME")
        }
    }

    private static func expandTilde(_ path: String) -> String {
        (path as NSString).expandingTildeInPath
    }
}
