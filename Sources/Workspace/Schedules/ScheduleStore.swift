import Foundation

/// `az ml schedule create|show|list|enable|disable|delete` for job schedules (`create_job:`). The
/// next fire time is kept with each schedule and evaluated on the simulated clock by `ScheduleRunner`.
public struct ScheduleStore: Sendable {
    static let kind = "schedule"
    let workspace: Workspace
    let target: WorkspaceTarget

    public init(workspace: Workspace, target: WorkspaceTarget) {
        self.workspace = workspace
        self.target = target
    }

    /// A stored schedule: what az prints and the job file it submits.
    public struct Stored: Sendable {
        public var entity: JSONValue
        public var jobFile: URL
        public var trigger: ScheduleTrigger
        public var created: Date
        public var nextFire: Date?
    }

    /// Creates (or replaces) a schedule from its YAML, read from `folder`.
    public func create(_ spec: JSONValue, folder: URL, pathGuard: PathGuard) throws -> JSONValue {
        guard let name = spec["name"]?.stringValue, !name.isEmpty else {
            throw WorkspaceError.invalidArgument("the schedule needs a name: give `name:` in the YAML or --name")
        }
        guard let triggerSpec = spec["trigger"] else { throw WorkspaceError.invalidArgument("schedule \(name): `trigger:` is required (type cron or recurrence)") }
        let trigger = try ScheduleTrigger(triggerSpec)
        if spec["import_data"] != nil { throw WorkspaceError.notSimulated("data import schedules (import_data)") }
        let jobFile: URL
        let action: (key: String, value: JSONValue)
        if let monitor = spec["create_monitor"] {
            let parsed = try MonitorSpec(monitor)
            if let retraining = parsed.retrainingJob {
                let url = try pathGuard.resolve(retraining, relativeTo: folder)
                guard FileManager.default.fileExists(atPath: url.path) else { throw WorkspaceError.pathMissing(path: url.path) }
            }
            jobFile = folder
            action = ("create_monitor", monitor)
        } else {
            guard let job = spec["create_job"] else { throw WorkspaceError.invalidArgument("schedule \(name): `create_job:` (a job YAML path or an inline job) or `create_monitor:` is required") }
            jobFile = try jobFileURL(job, schedule: name, folder: folder, pathGuard: pathGuard)
            action = ("create_job", .string(jobFile.path))
        }
        let now = try workspace.clock.now()
        let next = trigger.next(after: now, created: now)
        let base: JSONValue = [
            "creation_context": workspace.creationContext(at: now),
            "description": spec["description"] ?? .null, "display_name": spec["display_name"] ?? .string(name),
            "id": .string("\(target.armId)/schedules/\(name)"), "is_enabled": .bool(spec["is_enabled"]?.boolValue ?? true),
            "name": .string(name), "provisioning_state": "Succeeded", "tags": spec["tags"] ?? [:],
            "trigger": triggerSpec.setting("time_zone", .string(trigger.timeZoneName)),
        ]
        let entity = base.setting(action.key, action.value)
        try save(entity: entity, jobFile: jobFile, created: now, nextFire: next, isNew: true)
        return entity
    }

    /// `create_job:` as a file: a path next to the schedule YAML, or an inline job written into the state home.
    func jobFileURL(_ job: JSONValue, schedule: String, folder: URL, pathGuard: PathGuard) throws -> URL {
        if let path = job.stringValue {
            if path.hasPrefix("azureml:") { throw WorkspaceError.notSimulated("create_job from an existing job (\(path)); point create_job at a job YAML file") }
            let url = try pathGuard.resolve(path, relativeTo: folder)
            guard FileManager.default.fileExists(atPath: url.path) else { throw WorkspaceError.pathMissing(path: url.path) }
            return url
        }
        guard job.objectValue != nil else { throw WorkspaceError.invalidArgument("create_job must be a job YAML path or an inline job mapping") }
        var inline = job
        if let code = job["code"]?.stringValue, !code.hasPrefix("/"), !code.contains(":") {
            inline = inline.setting("code", .string(folder.appendingPathComponent(code).standardizedFileURL.path))
        }
        let url = workspace.home.appendingPathComponent("schedules/\(target.workspaceName)/\(schedule).job.json")
        try BatchJobRunner.write(Data(inline.prettyPrinted().utf8), to: url)
        return url
    }

    public func find(_ name: String) throws -> Stored {
        guard let record = try workspace.database.resource(kind: ScheduleStore.kind, scope: target.scopeKey, name: name),
              let body = JSONValue.parse(record.body), let entity = body["entity"] else {
            throw WorkspaceError.failed("(UserError) Schedule \(name) was not found in \(target.displayName). Check the name with `az ml schedule list`.")
        }
        return try decode(entity: entity, hidden: body["internal"] ?? [:])
    }

    func decode(entity: JSONValue, hidden: JSONValue) throws -> Stored {
        let created = hidden["created"]?.doubleValue.map(Date.init(timeIntervalSince1970:)) ?? Date()
        return Stored(entity: entity, jobFile: URL(fileURLWithPath: hidden["job_file"]?.stringValue ?? ""), trigger: try ScheduleTrigger(entity["trigger"] ?? [:]),
                      created: created, nextFire: hidden["next_fire"]?.doubleValue.map(Date.init(timeIntervalSince1970:)))
    }

    /// Every schedule (disabled ones only when asked).
    public func list(includeDisabled: Bool = false, disabledOnly: Bool = false) throws -> [Stored] {
        try workspace.database.resources(kind: ScheduleStore.kind, scope: target.scopeKey).compactMap { record -> Stored? in
            guard let body = JSONValue.parse(record.body), let entity = body["entity"] else { return nil }
            let enabled = entity["is_enabled"]?.boolValue ?? true
            if disabledOnly { guard !enabled else { return nil } } else if !includeDisabled, !enabled { return nil }
            return try decode(entity: entity, hidden: body["internal"] ?? [:])
        }
    }

    /// Enables or disables; enabling computes the next fire time from now.
    public func setEnabled(_ name: String, _ enabled: Bool) throws -> JSONValue {
        let stored = try find(name)
        let entity = stored.entity.setting("is_enabled", .bool(enabled))
        let next = enabled ? stored.trigger.next(after: try workspace.clock.now(), created: stored.created) : nil
        try save(entity: entity, jobFile: stored.jobFile, created: stored.created, nextFire: next, isNew: false)
        return entity
    }

    public func delete(_ name: String) throws {
        _ = try find(name)
        if let record = try workspace.database.resource(kind: ScheduleStore.kind, scope: target.scopeKey, name: name), let id = record.id {
            _ = try workspace.database.deleteResource(id: id)
        }
    }

    func save(entity: JSONValue, jobFile: URL, created: Date, nextFire: Date?, isNew: Bool) throws {
        let hidden: JSONValue = [
            "job_file": .string(jobFile.path), "created": .double(created.timeIntervalSince1970),
            "next_fire": nextFire.map { .double($0.timeIntervalSince1970) } ?? .null,
        ]
        let body = JSONValue.object(["entity": entity, "internal": hidden]).compact()
        let name = entity["name"]?.stringValue ?? ""
        if isNew {
            try workspace.database.saveResource(kind: ScheduleStore.kind, scope: target.scopeKey, name: name, createdAt: created, body: body)
        } else {
            _ = try workspace.database.modifyResource(kind: ScheduleStore.kind, scope: target.scopeKey, name: name) { _ in (body, nil) }
        }
    }
}

extension JSONValue {
    /// The boolean when this is a boolean.
    var boolValue: Bool? {
        if case .bool(let b) = self { return b }
        return nil
    }
}
