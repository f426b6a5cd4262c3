import CLICore
import Foundation
import Workspace

/// What a command line run inside a lab printed, and how it ended.
public struct CommandOutput: Sendable, Equatable {
    public var status: Int32
    public var stdout: String
    public var stderr: String

    public init(status: Int32, stdout: String, stderr: String) {
        self.status = status
        self.stdout = stdout
        self.stderr = stderr
    }
}

/// Runs `mlopslab` command lines for a lab: in `workingFolder`, against the state home `home`.
public protocol LabCommandRunner: Sendable {
    func run(_ words: [String], workingFolder: URL, home: URL) -> CommandOutput
}

/// One lab's places on disk and the way to act on its workspace. Setup, faults, checks and the
/// reference solution all go through it, so none of them can touch files outside the working folder.
public final class LabSandbox: @unchecked Sendable {
    /// The lab's folder (`labs/<id>`), read-only.
    public let labFolder: URL
    /// The learner's working folder.
    public let workFolder: URL
    /// The state home of the lab's own workspace.
    public let workspaceHome: URL
    let runner: any LabCommandRunner
    /// Secret values faults planted; `no_secrets` checks look for them too.
    public private(set) var plantedSecrets: [String] = []

    public init(labFolder: URL, workFolder: URL, workspaceHome: URL, runner: any LabCommandRunner) {
        self.labFolder = labFolder.standardizedFileURL
        self.workFolder = workFolder.standardizedFileURL
        self.workspaceHome = workspaceHome.standardizedFileURL
        self.runner = runner
    }

    /// Remembers a secret a fault wrote somewhere, so `no_secrets` checks can find it.
    public func plantSecret(_ value: String) {
        if !plantedSecrets.contains(value) { plantedSecrets.append(value) }
    }

    func restorePlantedSecrets(_ values: [String]) { plantedSecrets = values }

    // MARK: Files of the working folder

    /// The URL of `relative` inside the working folder; refuses absolute paths and `..` escapes.
    public func file(_ relative: String) throws -> URL {
        try Self.contained(relative, in: workFolder, what: "the working folder")
    }

    /// The text of a working file.
    public func read(_ relative: String) throws -> String {
        let url = try file(relative)
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw LabError.failed("\(relative) does not exist in the working folder")
        }
        return String(decoding: data, as: UTF8.self)
    }

    /// Writes a working file, creating its folder.
    public func write(_ relative: String, _ text: String) throws {
        let url = try file(relative)
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        } catch {
            throw LabError.failed("cannot write \(relative): \(error.localizedDescription)")
        }
    }

    /// Replaces `old` by `new` in a working file; `old` must occur (every occurrence is replaced).
    public func replace(in relative: String, _ old: String, with new: String) throws {
        let text = try read(relative)
        guard text.contains(old) else { throw LabError.failed("\(relative) does not contain \(Self.quote(old))") }
        try write(relative, text.replacingOccurrences(of: old, with: new))
    }

    /// Sets the scalar under a dotted key path (`resources.instance_count`) of a working YAML file,
    /// keeping every other line as it is. The key must exist on a line of its own.
    public func setYAMLScalar(in relative: String, path: String, to value: String) throws {
        let text = try read(relative)
        let document: YAMLDocument
        do { document = try YAMLDocument.parse(text, file: try file(relative), entity: "file") } catch {
            throw LabError.failed("\(relative) is not valid YAML: \(error)")
        }
        guard let line = document.lines[path] else { throw LabError.failed("\(relative) has no key \(path)") }
        var lines = text.components(separatedBy: "\n")
        guard line >= 1, line <= lines.count else { throw LabError.failed("\(relative) has no line \(line)") }
        let key = path.split(separator: ".").last.map(String.init) ?? path
        let current = lines[line - 1]
        guard let range = current.range(of: "\(key):") else { throw LabError.failed("\(relative):\(line) does not hold \(key): on one line") }
        lines[line - 1] = String(current[..<range.upperBound]) + " " + value
        try write(relative, lines.joined(separator: "\n"))
    }

    // MARK: Commands

    /// Runs an `mlopslab` command line (without `mlopslab`) in the working folder.
    public func run(_ line: String) throws -> CommandOutput {
        let words: [String]
        do { words = try LineTokenizer.words(line) } catch {
            throw LabError.failed("cannot split `\(line)`: \(error)")
        }
        return runner.run(words, workingFolder: workFolder, home: workspaceHome)
    }

    /// Runs a command line and throws with its error output when it fails.
    @discardableResult
    public func mustRun(_ line: String) throws -> CommandOutput {
        let output = try run(line)
        guard output.status == 0 else {
            throw LabError.commandFailed(line: line, status: output.status, stderr: output.stderr)
        }
        return output
    }

    /// Runs an az command line (after `az`) with `-o json` and parses what it prints.
    public func azJSON(_ line: String) throws -> JSONValue {
        let output = try mustRun("az \(line) -o json")
        let text = output.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        if text.isEmpty { return .null }
        guard let value = JSONValue.parse(text) else { throw LabError.failed("`az \(line)` did not print JSON") }
        return value
    }

    // MARK: Path containment

    /// `relative` resolved inside `root`; absolute paths, `..` escapes and symlinks out are refused.
    public static func contained(_ relative: String, in root: URL, what: String) throws -> URL {
        if relative.hasPrefix("/") || relative.hasPrefix("~") {
            throw LabError.pathOutside(path: relative, root: what)
        }
        let base = root.standardizedFileURL.resolvingSymlinksInPath()
        let candidate = base.appendingPathComponent(relative).standardizedFileURL
        guard isInside(candidate, base) else { throw LabError.pathOutside(path: relative, root: what) }
        let resolved = candidate.resolvingSymlinksInPath()
        guard isInside(resolved, base) else { throw LabError.pathOutside(path: relative, root: what) }
        return candidate
    }

    static func isInside(_ url: URL, _ root: URL) -> Bool {
        let path = url.path
        let rootPath = root.path
        return path == rootPath || path.hasPrefix(rootPath.hasSuffix("/") ? rootPath : rootPath + "/")
    }

    static func quote(_ text: String) -> String {
        let short = text.count > 60 ? String(text.prefix(57)) + "..." : text
        return "`\(short)`"
    }
}
