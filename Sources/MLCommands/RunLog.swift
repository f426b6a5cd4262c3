import CLICore
import Foundation

/// Logs a command's parameters, metrics, tags and artifacts into a run folder, in MLflow's file-store
/// layout, when the workspace runs the command as a job step (environment variable `MLOPSLAB_RUN_DIR`).
///
/// Layout (see docs/ml-core.md): `params/<key>` holds the value; `metrics/<key>` holds one line per logged
/// point, `<timestamp-ms> <value> <step>`; `tags/<key>` holds the value; `artifacts/` holds files.
/// A parameter is written once: logging a different value for the same key is an error (as in MLflow).
public struct RunLog: Sendable {
    /// The environment variable naming the run folder.
    public static let environmentKey = "MLOPSLAB_RUN_DIR"

    /// The run folder.
    public let directory: URL
    /// Milliseconds since 1970 for metric timestamps.
    private let clock: @Sendable () -> Int64

    public init(directory: URL, clock: @escaping @Sendable () -> Int64 = { Int64((Date().timeIntervalSince1970 * 1000).rounded()) }) {
        self.directory = directory
        self.clock = clock
    }

    /// The run log of the current command, or nil when `MLOPSLAB_RUN_DIR` is not set.
    public static func current(environment: [String: String] = CommandContext.active.environment) -> RunLog? {
        guard let path = environment[environmentKey], !path.isEmpty else { return nil }
        return RunLog(directory: URL(fileURLWithPath: path))
    }

    /// Records a parameter; the same key with a different value is an error.
    public func logParam(_ key: String, _ value: String) throws {
        let url = try file(in: "params", key: key)
        if let existing = try? String(contentsOf: url, encoding: .utf8), existing != value {
            throw RunLogError.paramChanged(key: key, old: existing, new: value)
        }
        try write(value, to: url)
    }

    /// Records several parameters.
    public func logParams(_ params: [String: String]) throws {
        for key in params.keys.sorted() { try logParam(key, params[key] ?? "") }
    }

    /// Appends one point to a metric's history.
    public func logMetric(_ key: String, _ value: Double, step: Int = 0) throws {
        guard value.isFinite else { throw RunLogError.nonFiniteMetric(key: key) }
        let url = try file(in: "metrics", key: key)
        let line = "\(clock()) \(value) \(step)\n"
        try append(line, to: url)
    }

    /// Records several metrics at the same step.
    public func logMetrics(_ metrics: [String: Double], step: Int = 0) throws {
        for key in metrics.keys.sorted() { try logMetric(key, metrics[key] ?? .nan, step: step) }
    }

    /// Sets a tag (a later value replaces an earlier one).
    public func setTag(_ key: String, _ value: String) throws {
        try write(value, to: try file(in: "tags", key: key))
    }

    /// Copies a file or folder into `artifacts/<name>` (default: its last path component).
    public func logArtifact(at path: String, as name: String? = nil) throws {
        let source = URL(fileURLWithPath: path)
        let target = try file(in: "artifacts", key: name ?? source.lastPathComponent)
        let fm = FileManager.default
        do {
            try fm.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            if fm.fileExists(atPath: target.path) { try fm.removeItem(at: target) }
            try fm.copyItem(at: source, to: target)
        } catch {
            throw RunLogError.io(path: target.path, reason: error.localizedDescription)
        }
    }

    /// Writes `text` as the artifact `artifacts/<name>` (e.g. a command's JSON report).
    public func logText(_ text: String, as name: String) throws {
        try write(text.hasSuffix("\n") ? text : text + "\n", to: try file(in: "artifacts", key: name))
    }

    /// `text` turned into a valid key: characters outside the allowed set (and `/`) become `_`.
    public static func sanitizedKey(_ text: String) -> String {
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-. ")
        let mapped = String(text.map { allowed.contains($0) ? $0 : "_" }.prefix(250))
        return mapped.isEmpty || mapped.allSatisfy({ $0 == "." }) ? "_" : mapped
    }

    /// The file for `key` under `folder`; keys are MLflow-style names (letters, digits, `_ - . / space`).
    func file(in folder: String, key: String) throws -> URL {
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-./ ")
        let parts = key.split(separator: "/", omittingEmptySubsequences: false)
        guard !key.isEmpty, key.count <= 250, key.allSatisfy({ allowed.contains($0) }),
              !key.hasPrefix("/"), parts.allSatisfy({ !$0.isEmpty && $0 != "." && $0 != ".." }) else {
            throw RunLogError.invalidKey(key)
        }
        return directory.appendingPathComponent(folder).appendingPathComponent(key)
    }

    private func write(_ text: String, to url: URL) throws {
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url, options: .atomic)
        } catch {
            throw RunLogError.io(path: url.path, reason: error.localizedDescription)
        }
    }

    private func append(_ text: String, to url: URL) throws {
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            if let handle = try? FileHandle(forWritingTo: url) {
                defer { try? handle.close() }
                try handle.seekToEnd()
                try handle.write(contentsOf: Data(text.utf8))
            } else {
                try Data(text.utf8).write(to: url)
            }
        } catch {
            throw RunLogError.io(path: url.path, reason: error.localizedDescription)
        }
    }
}

/// Problems logging to a run folder.
public enum RunLogError: UserFacingError, Equatable {
    /// A parameter was logged twice with different values.
    case paramChanged(key: String, old: String, new: String)
    /// A metric value is NaN or infinite.
    case nonFiniteMetric(key: String)
    /// A key is not a valid MLflow-style name.
    case invalidKey(String)
    /// The run folder could not be written.
    case io(path: String, reason: String)

    public var message: String {
        switch self {
        case .paramChanged(let key, let old, let new):
            return "run parameter '\(key)' is already '\(old)'; parameters are written once, cannot change it to '\(new)'"
        case .nonFiniteMetric(let key):
            return "metric '\(key)' is not a finite number; it was not logged"
        case .invalidKey(let key):
            return "'\(key)' is not a valid run key; use letters, digits, '_', '-', '.', ' ' and '/' (no empty or '..' parts)"
        case .io(let path, let reason):
            return "cannot write run log \(path): \(reason)"
        }
    }
}
