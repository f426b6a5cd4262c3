import Foundation
import Store
import Primitives

/// Versioned assets (data, models, environments, components) of a workspace or registry:
/// registration with immutability and auto-increment, lookup by version or label, listings,
/// archive/restore and updates of the mutable fields.
public struct AssetStore: Sendable {
    let workspace: Workspace

    public init(workspace: Workspace) { self.workspace = workspace }

    /// Payload kept beside the entity (never printed).
    public struct Payload: Sendable, Equatable {
        public var digest: String
        public var isFolder: Bool
        public var fileName: String
        public init(digest: String, isFolder: Bool, fileName: String) {
            self.digest = digest
            self.isFolder = isFolder
            self.fileName = fileName
        }
    }

    /// A stored asset version: its printed entity, payload and record.
    public struct Stored: Sendable {
        public var entity: JSONValue
        public var payload: Payload?
        public var record: WorkspaceRecord
    }

    /// Fields that may change after registration (`update`, `archive`), so they are not part of the content hash.
    static let mutableFields: Set<String> = ["description", "tags", "stage", "properties", "id", "creation_context", "version", "name"]

    /// Registers a version. `fields` is the entity without name, version, id and creation context.
    /// Same name and version with the same content returns the existing version; different content is an error.
    public func register(_ kind: AssetKind, name: String, version: String?, fields: [String: JSONValue], payload: Payload?, extra: [String: JSONValue] = [:], in target: WorkspaceTarget) throws -> JSONValue {
        if target.registryName == Workspace.builtInRegistry {
            throw WorkspaceError.failed("(UserError) Registry 'azureml' is published by Microsoft and is read-only: create your own registry with `az ml registry create` and register or share into it.")
        }
        try AssetStore.checkName(name, kind: kind)
        if let version { try AssetStore.checkVersion(version) }
        let hashed = fields.filter { !AssetStore.mutableFields.contains($0.key) }
        let contentHash = SHA256Hasher.hex(Array((JSONValue.object(hashed).compact() + "|" + (payload?.digest ?? "")).utf8))
        let now = try workspace.clock.now()
        let result = try workspace.database.insertVersion(kind: kind.rawValue, scope: target.scopeKey, name: name, version: version,
                                                          contentHash: contentHash, createdAt: now) { chosen in
            var entity = fields
            entity["name"] = .string(name)
            entity["version"] = .string(chosen)
            entity["id"] = .string("\(target.armId)/\(kind.pathSegment)/\(name)/versions/\(chosen)")
            entity["creation_context"] = workspace.creationContext(at: now)
            if entity["tags"] == nil { entity["tags"] = [:] }
            if entity["properties"] == nil { entity["properties"] = [:] }
            return AssetStore.encode(entity: .object(entity), payload: payload, extra: extra)
        }
        switch result {
        case .created(let record):
            return try decode(record).entity
        case .existing(let record):
            guard record.contentHash == contentHash else {
                throw WorkspaceError.versionConflict(kind: kind.displayName, name: name, version: record.version)
            }
            return try decode(record).entity
        }
    }

    /// One version by `version`, or by `label` (`latest`), or the latest when neither is given.
    public func find(_ kind: AssetKind, name: String, version: String?, label: String?, in target: WorkspaceTarget) throws -> Stored {
        let record: WorkspaceRecord?
        if let version {
            record = try workspace.database.resource(kind: kind.rawValue, scope: target.scopeKey, name: name, version: version)
        } else if let label, label != "latest" {
            record = try workspace.database.resources(kind: kind.rawValue, scope: target.scopeKey, name: name, filter: .includeArchived)
                .first { (try? decode($0).labels.contains(label)) == true }
        } else {
            record = try workspace.database.latestVersion(kind: kind.rawValue, scope: target.scopeKey, name: name)
        }
        guard let record else {
            throw WorkspaceError.notFound(kind: kind.displayName, name: name, version: version ?? "@\(label ?? "latest")", scope: target.displayName)
        }
        var stored = try decode(record)
        if let version, stored.record.version != version { stored.entity = stored.entity.setting("version", .string(version)) }
        return stored
    }

    /// Resolves `azureml:name:version`, `azureml:name@label` or a registry URI from `target`'s point of view.
    public func resolve(_ reference: AssetReference, expecting kind: AssetKind, in target: WorkspaceTarget) throws -> Stored {
        switch reference {
        case .version(let name, let version): return try find(kind, name: name, version: version, label: nil, in: target)
        case .label(let name, let label): return try find(kind, name: name, version: nil, label: label, in: target)
        case .registry(let registry, let refKind, let name, let selector):
            guard refKind == kind else {
                throw WorkspaceError.invalidArgument("the reference names a \(refKind.pathSegment) asset where \(kind.pathSegment) is expected")
            }
            let registryTarget = try workspace.registryTarget(registry)
            switch selector {
            case .version(let v): return try find(kind, name: name, version: v, label: nil, in: registryTarget)
            case .label(let l): return try find(kind, name: name, version: nil, label: l, in: registryTarget)
            }
        }
    }

    /// Versions of one name (newest first), or the latest version of every name.
    public func list(_ kind: AssetKind, name: String?, filter: ArchiveFilter, limit: Int?, in target: WorkspaceTarget) throws -> [JSONValue] {
        let records: [WorkspaceRecord]
        if let name {
            records = try workspace.database.resources(kind: kind.rawValue, scope: target.scopeKey, name: name, filter: filter, limit: limit)
        } else {
            let latest = try workspace.database.latestOfEachName(kind: kind.rawValue, scope: target.scopeKey, filter: filter)
            records = limit.map { Array(latest.prefix($0)) } ?? latest
        }
        return try records.map { record in
            let entity = try decode(record).entity
            if name == nil, case .object(var fields) = entity {
                fields["latest version"] = .string(record.version)
                return .object(fields)
            }
            return entity
        }
    }

    /// Archives or restores one version (or every version of the name when neither version nor label is given).
    public func setArchived(_ kind: AssetKind, name: String, version: String?, label: String?, archived: Bool, in target: WorkspaceTarget) throws {
        if version == nil, label == nil {
            let all = try workspace.database.resources(kind: kind.rawValue, scope: target.scopeKey, name: name, filter: .includeArchived)
            guard !all.isEmpty else { throw WorkspaceError.notFound(kind: kind.displayName, name: name, version: nil, scope: target.displayName) }
            for record in all { if let id = record.id { try workspace.database.setResourceArchived(id: id, archived: archived) } }
            return
        }
        let stored = try findIncludingArchived(kind, name: name, version: version, label: label, in: target)
        if let id = stored.record.id { try workspace.database.setResourceArchived(id: id, archived: archived) }
    }

    /// Applies `--set` patches to the mutable fields (description, tags, stage, properties) of one version.
    public func update(_ kind: AssetKind, name: String, version: String?, label: String?, patches: [JSONPatch], in target: WorkspaceTarget) throws -> JSONValue {
        let stored = try findIncludingArchived(kind, name: name, version: version, label: label, in: target)
        var entity = stored.entity
        for patch in patches {
            guard let field = patch.path.first, ["description", "tags", "stage", "properties"].contains(field) else {
                throw WorkspaceError.failed("(UserError) Only description, tags, stage and properties can be updated on an existing \(kind.displayName.lowercased()) version; '\(patch.path.joined(separator: "."))' is immutable. Register a new version instead.")
            }
            entity = try patch.stringifyingTags.apply(to: entity)
        }
        if let id = stored.record.id {
            let previous = JSONValue.parse(stored.record.body)?["internal"]?.objectValue ?? [:]
            try workspace.database.updateResourceBody(id: id, body: JSONValue.object(["entity": entity, "internal": .object(previous)]).compact())
        }
        return entity
    }

    private func findIncludingArchived(_ kind: AssetKind, name: String, version: String?, label: String?, in target: WorkspaceTarget) throws -> Stored {
        if version == nil, label == nil || label == "latest" {
            guard let record = try workspace.database.resources(kind: kind.rawValue, scope: target.scopeKey, name: name, filter: .includeArchived)
                .max(by: { $0.versionNumber < $1.versionNumber }) else {
                throw WorkspaceError.notFound(kind: kind.displayName, name: name, version: "@latest", scope: target.displayName)
            }
            return try decode(record)
        }
        return try find(kind, name: name, version: version, label: label, in: target)
    }

    // MARK: Encoding

    static func encode(entity: JSONValue, payload: Payload?, labels: [String] = [], extra: [String: JSONValue] = [:]) -> String {
        var hidden: [String: JSONValue] = extra
        if let payload {
            hidden["digest"] = .string(payload.digest)
            hidden["is_folder"] = .bool(payload.isFolder)
            hidden["file_name"] = .string(payload.fileName)
        }
        if !labels.isEmpty { hidden["labels"] = .array(labels.map(JSONValue.string)) }
        return JSONValue.object(["entity": entity, "internal": .object(hidden)]).compact()
    }

    func decode(_ record: WorkspaceRecord) throws -> Stored {
        let stored = try decodeParts(record)
        return Stored(entity: stored.entity, payload: stored.payload, record: record)
    }

    private func decodeParts(_ record: WorkspaceRecord) throws -> (entity: JSONValue, payload: Payload?, labels: [String]) {
        guard let body = JSONValue.parse(record.body), let entity = body["entity"] else {
            throw WorkspaceError.failed("the stored \(record.kind) \(record.name):\(record.version) is damaged (not JSON); archive it and register a new version")
        }
        let hidden = body["internal"]
        var payload: Payload?
        if let digest = hidden?["digest"]?.stringValue {
            payload = Payload(digest: digest, isFolder: hidden?["is_folder"] == .bool(true), fileName: hidden?["file_name"]?.stringValue ?? "")
        }
        let labels = hidden?["labels"]?.arrayValue?.compactMap(\.stringValue) ?? []
        return (entity, payload, labels)
    }

    static func checkName(_ name: String, kind: AssetKind) throws {
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.")
        guard !name.isEmpty, name.count <= 255, name.allSatisfy({ allowed.contains($0) }), name.first?.isLetter == true || name.first?.isNumber == true else {
            throw WorkspaceError.invalidArgument("invalid \(kind.displayName.lowercased()) name '\(name)': use letters, digits, '-', '_' and '.', starting with a letter or digit")
        }
    }

    static func checkVersion(_ version: String) throws {
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.")
        guard !version.isEmpty, version.allSatisfy({ allowed.contains($0) }) else {
            throw WorkspaceError.invalidArgument("invalid version '\(version)': use letters, digits, '-', '_' and '.'")
        }
    }
}

extension AssetStore.Stored {
    var labels: [String] {
        JSONValue.parse(record.body)?["internal"]?["labels"]?.arrayValue?.compactMap(\.stringValue) ?? []
    }
}

extension AssetStore {
    /// Copies a workspace asset version into a registry (`az ml <asset> share`): same payload,
    /// new name and version in the registry, referable as `azureml://registries/<reg>/...`.
    public func share(_ kind: AssetKind, name: String, version: String, from source: WorkspaceTarget, to registry: WorkspaceTarget,
                      as newName: String, version newVersion: String) throws -> JSONValue {
        let stored = try find(kind, name: name, version: version, label: nil, in: source)
        var fields = stored.entity.objectValue ?? [:]
        for key in ["name", "version", "id", "creation_context"] { fields.removeValue(forKey: key) }
        if let path = fields["path"]?.stringValue, path.hasPrefix(source.blobDatastorePath), let registryName = registry.registryName {
            fields["path"] = .string("azureml://registries/\(registryName)/paths" + path.dropFirst(source.blobDatastorePath.count))
        }
        // A component keeps the YAML it was registered from, so jobs can still run the shared copy.
        var extra: [String: JSONValue] = [:]
        if let source = JSONValue.parse(stored.record.body)?["internal"]?["source_yaml"] { extra["source_yaml"] = source }
        // Where the copy came from, so lineage can follow a shared model back to its job.
        if source.registryName == nil {
            extra["shared_from"] = ["resource_group": .string(source.resourceGroup), "workspace": .string(source.workspaceName)]
        }
        return try register(kind, name: newName, version: newVersion, fields: fields, payload: stored.payload, extra: extra, in: registry)
    }
}
