import CLICore
import Foundation
import Store
import Workspace

/// One parsed az command line: the flag values, plus lazy access to the workspace and paths.
public final class AzInvocation {
    public let spec: AzCommandSpec
    let values: [String: [String]]
    let environment: AzEnvironment
    private var openedWorkspace: Workspace?

    init(spec: AzCommandSpec, values: [String: [String]], environment: AzEnvironment) {
        self.spec = spec
        self.values = values
        self.environment = environment
    }

    /// The value of a single-valued option (by its long name).
    public func string(_ key: String) -> String? { values[key]?.last }

    /// All values of a multi-valued option.
    public func strings(_ key: String) -> [String] { values[key] ?? [] }

    /// Whether a flag was given.
    public func flag(_ key: String) -> Bool { values[key] != nil }

    /// A required value (checked by the parser for required options; this covers conditional ones).
    public func require(_ key: String, because reason: String? = nil) throws -> String {
        guard let value = string(key), !value.isEmpty else {
            let option = spec.allOptions.first { $0.key == key }?.names.joined(separator: "/") ?? key
            throw AzUsageError.missingRequired([option + (reason.map { " (\($0))" } ?? "")])
        }
        return value
    }

    /// An integer option; a non-integer value is a usage error naming the option.
    public func int(_ key: String) throws -> Int? {
        guard let text = string(key) else { return nil }
        guard let value = Int(text) else { throw AzUsageError.usage("argument \(key): invalid int value: '\(text)'") }
        return value
    }

    /// The state-home workspace (opened once per invocation).
    public func workspace() throws -> Workspace {
        if let openedWorkspace { return openedWorkspace }
        let opened = try Workspace(home: environment.home)
        openedWorkspace = opened
        return opened
    }

    /// The workspace or registry this command acts on (`--registry-name` wins when the command has it).
    public func target() throws -> WorkspaceTarget {
        if let registry = string("--registry-name") { return try workspace().registryTarget(registry) }
        return try workspace().target(group: string("--resource-group"), workspace: string("--workspace-name"))
    }

    /// The working folder relative paths on the command line resolve against.
    public var workingFolder: URL { environment.workingFolder }

    /// Path checks for a spec loaded from `folder` (the YAML file's folder, or the working folder).
    public func pathGuard(specFolder: URL?) -> PathGuard {
        var roots = [environment.workingFolder, environment.home]
        if let specFolder { roots.append(specFolder) }
        return PathGuard(roots: roots)
    }

    /// Loads `--file` (when given) with `--set` patches applied, then validates it against `schema`.
    /// `overrides` are flag values that win over the file (`--name`, `--version`...).
    public func loadSpec(_ schema: EntitySchema, overrides: [String: JSONValue] = [:]) throws -> YAMLDocument? {
        guard let file = string("--file") else { return nil }
        let url = localURL(file)
        let document = try YAMLDocument.load(url, entity: schema.entity)
        var root = document.root
        for (key, value) in overrides { root = root.setting(key, value) }
        for text in strings("--set") { root = try JSONPatch.parse(text).apply(to: root) }
        let patched = YAMLDocument(file: document.file, root: root, lines: document.lines)
        try schema.validate(patched)
        return patched
    }

    /// A path typed on the command line, resolved against the working folder.
    public func localURL(_ path: String) -> URL {
        let expanded = (path as NSString).expandingTildeInPath
        if expanded.hasPrefix("/") { return URL(fileURLWithPath: expanded).standardizedFileURL }
        return environment.workingFolder.appendingPathComponent(expanded).standardizedFileURL
    }

    /// `--tags a=b c=d` as a JSON object.
    public func tags() -> JSONValue? {
        let words = strings("--tags")
        guard !words.isEmpty else { return nil }
        var fields: [String: JSONValue] = [:]
        for word in words {
            if let eq = word.firstIndex(of: "=") {
                fields[String(word[..<eq])] = .string(String(word[word.index(after: eq)...]))
            } else {
                fields[word] = .string("")
            }
        }
        return .object(fields)
    }

    /// `--include-archived` / `--archived-only` as a filter.
    public func archiveFilter() -> ArchiveFilter {
        if flag("--archived-only") { return .archivedOnly }
        if flag("--include-archived") { return .includeArchived }
        return .activeOnly
    }

    /// Writes a warning line to stderr, as az does (suppressed by --only-show-errors).
    public func warn(_ text: String) {
        guard !flag("--only-show-errors") else { return }
        environment.console.writeError("WARNING: \(text)\n")
    }

    /// Writes progress text to stdout immediately (streamed logs).
    public func emit(_ text: String) {
        environment.console.write(text)
    }
}

/// What az commands see of their surroundings.
public struct AzEnvironment {
    public var home: URL
    public var workingFolder: URL
    public var console: any Console

    public init(home: URL, workingFolder: URL, console: any Console) {
        self.home = home
        self.workingFolder = workingFolder
        self.console = console
    }
}
