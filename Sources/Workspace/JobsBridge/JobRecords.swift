import Foundation
import Jobs
import Store

/// Job records in the state database: the job JSON az prints, kept current from the engine's
/// events, plus what lineage and `job download` need (sandbox, outputs, inputs, environment).
public struct JobRecords: Sendable {
    static let kind = "job"
    let workspace: Workspace
    let target: WorkspaceTarget

    public init(workspace: Workspace, target: WorkspaceTarget) {
        self.workspace = workspace
        self.target = target
    }

    /// A stored job: printed entity and the hidden bookkeeping.
    public struct Stored: Sendable {
        public var entity: JSONValue
        public var sandbox: URL?
        public var outputs: [String: URL]
        public var lineage: JSONValue
        public var record: WorkspaceRecord
        /// What the run logged (MLflow): `metrics` (name → points) and `params` (name → text); empty until it finished.
        public var metrics: JSONValue = [:]
        public var params: JSONValue = [:]
    }

    /// The job JSON of `name`.
    public func find(_ name: String) throws -> Stored {
        guard let record = try workspace.database.resource(kind: JobRecords.kind, scope: target.scopeKey, name: name) else {
            throw WorkspaceError.failed("(UserError) Job \(name) was not found in \(target.displayName). Check the name with `az ml job list`.")
        }
        return try decode(record)
    }

    /// Top-level jobs (or the children of `parent`), newest first.
    public func list(parent: String?, filter: ArchiveFilter, limit: Int?) throws -> [JSONValue] {
        try workspace.database.resources(kind: JobRecords.kind, scope: target.scopeKey, parent: parent ?? "", filter: filter, limit: limit)
            .compactMap { JSONValue.parse($0.body)?["entity"] }
    }

    /// The folder or file a finished job wrote for `output`.
    public func outputURL(job: String, output: String) throws -> URL {
        let stored = try find(job)
        if let url = stored.outputs[output] { return url }
        if output == "artifacts" || output == "default", let sandbox = stored.sandbox { return sandbox.appendingPathComponent("outputs") }
        let known = stored.outputs.keys.sorted().joined(separator: ", ")
        throw WorkspaceError.failed("(UserError) Job \(job) has no output named '\(output)'\(known.isEmpty ? "" : "; its outputs are: \(known)").")
    }

    /// Jobs not in a terminal status, with their sandboxes (for crash recovery). A job whose
    /// process has not started yet and whose folder changed in the last two minutes is being
    /// prepared by another process right now, so it is left alone.
    public func inProgress() throws -> [InProgressJob] {
        try unfinished().filter { job in
            let sandbox = JobSandbox(root: job.sandbox)
            if sandbox.processInfo() != nil || job.launcherPid != nil { return true }
            let modified = (try? FileManager.default.attributesOfItem(atPath: job.sandbox.path)[.modificationDate]) as? Date
            return Date().timeIntervalSince(modified ?? .distantPast) > 120
        }
    }

    func unfinished() throws -> [InProgressJob] {
        try workspace.database.resources(kind: JobRecords.kind, scope: target.scopeKey, statusIn: JobStatus.allCases.filter { !$0.isTerminal }.map(\.rawValue)).compactMap { record in
            guard let body = JSONValue.parse(record.body), let status = body["entity"]?["status"]?.stringValue,
                  let parsed = JobStatus(rawValue: status), !parsed.isTerminal,
                  let sandbox = body["internal"]?["sandbox"]?.stringValue else { return nil }
            let launcher = body["internal"]?["runner_pid"]?.intValue.flatMap { Int32(exactly: $0) }
            return InProgressJob(name: record.name, sandbox: URL(fileURLWithPath: sandbox), launcherPid: launcher)
        }
    }

    /// Archives or restores a job.
    public func setArchived(_ name: String, archived: Bool) throws {
        let stored = try find(name)
        if let id = stored.record.id { try workspace.database.setResourceArchived(id: id, archived: archived) }
    }

    /// Changes display_name, experiment_name, description or tags (`az ml job update --set`).
    public func update(_ name: String, patches: [JSONPatch]) throws -> JSONValue {
        var result: JSONValue = .null
        try modify(name) { entity, _ in
            var updated = entity
            for patch in patches {
                guard let field = patch.path.first, ["display_name", "experiment_name", "description", "tags"].contains(field) else {
                    throw WorkspaceError.failed("(UserError) Only display_name, experiment_name, description and tags can be updated on a job; '\(patch.path.joined(separator: "."))' is fixed once the job is submitted.")
                }
                updated = try patch.stringifyingTags.apply(to: updated)
            }
            entity = updated
            result = updated
        }
        return result
    }

    // MARK: Writing

    func create(entity: JSONValue, internal hidden: JSONValue, parent: String?, at date: Date) throws {
        let name = entity["name"]?.stringValue ?? ""
        let body: JSONValue = ["entity": entity, "internal": hidden]
        try workspace.database.saveResource(kind: JobRecords.kind, scope: target.scopeKey, name: name, createdAt: date, body: body.compact(), parent: parent ?? "",
                                            status: entity["status"]?.stringValue ?? "")
    }

    func modify(_ name: String, _ change: (inout JSONValue, inout JSONValue) throws -> Void) throws {
        try workspace.database.modifyResource(kind: JobRecords.kind, scope: target.scopeKey, name: name) { text in
            guard let body = JSONValue.parse(text) else { return (text, nil) }
            var entity = body["entity"] ?? [:], hidden = body["internal"] ?? [:]
            try change(&entity, &hidden)
            return (JSONValue.object(["entity": entity, "internal": hidden]).compact(), entity["status"]?.stringValue)
        }
    }

    func decode(_ record: WorkspaceRecord) throws -> Stored {
        guard let body = JSONValue.parse(record.body), let entity = body["entity"] else {
            throw WorkspaceError.failed("the stored job \(record.name) is damaged")
        }
        let hidden = body["internal"]
        var outputs: [String: URL] = [:]
        for (key, value) in hidden?["outputs"]?.objectValue ?? [:] {
            if let path = value.stringValue { outputs[key] = URL(fileURLWithPath: path) }
        }
        return Stored(entity: entity, sandbox: hidden?["sandbox"]?.stringValue.map { URL(fileURLWithPath: $0) },
                      outputs: outputs, lineage: hidden?["lineage"] ?? [:], record: record,
                      metrics: hidden?["metrics"] ?? [:], params: hidden?["params"] ?? [:])
    }
}
