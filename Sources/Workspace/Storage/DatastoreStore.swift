import Foundation
import Store

/// Datastores of a workspace (`az ml datastore create|show|list|update|delete`): Azure Blob containers and
/// ADLS Gen2 file systems of the simulated storage accounts. A datastore either stores a credential (an
/// account key or a SAS token, kept out of every output as the service keeps it in the workspace Key Vault)
/// or none, in which case data access is identity-based: a job reads through it with the managed identity
/// of its compute (or the user's identity), which needs a `Storage Blob Data ...` role on the storage.
public struct DatastoreStore: Sendable {
    static let kind = "datastore"
    let workspace: Workspace

    public init(workspace: Workspace) { self.workspace = workspace }

    /// The datastores every workspace has (not stored; they point at the workspace's own storage account).
    public static let builtIn = ["workspaceartifactstore", "workspaceblobstore", "workspacefilestore", "workspaceworkingdirectory"]

    /// Creates or replaces a datastore from a validated YAML document (az's create is a create-or-update).
    public func createOrUpdate(_ document: YAMLDocument, in target: WorkspaceTarget) throws -> JSONValue {
        let root = document.root
        guard let name = root["name"]?.stringValue, let type = root["type"]?.stringValue else {
            throw WorkspaceError.invalidArgument("a datastore needs `name` and `type`")
        }
        guard DatastoreStore.isValidName(name) else {
            throw WorkspaceError.failed("(UserError) Datastore name '\(name)' is invalid: use letters, digits and underscores, starting with a letter (at most 255 characters).")
        }
        if DatastoreStore.builtIn.contains(name.lowercased()) {
            throw WorkspaceError.failed("(UserError) \(name) is a default datastore of the workspace and cannot be replaced.")
        }
        guard let account = root["account_name"]?.stringValue else {
            throw WorkspaceError.schema(SchemaErrorTemplate.render(entity: "Datastore", fromFile: true, problems: [
                SchemaErrorTemplate.Problem(category: .missingField, field: "account_name", detail: "Missing data for required field.", line: nil),
            ]))
        }
        var entity: [String: JSONValue] = [
            "account_name": .string(account), "endpoint": .string(root["endpoint"]?.stringValue ?? "core.windows.net"),
            "id": .string("\(target.armId)/datastores/\(name)"), "name": .string(name),
            "protocol": .string(root["protocol"]?.stringValue ?? "https"), "resourceGroup": .string(target.resourceGroup),
            "tags": root["tags"] ?? [:], "type": .string(type),
        ]
        if let description = root["description"]?.stringValue { entity["description"] = .string(description) }
        switch type {
        case "azure_blob":
            guard let container = root["container_name"]?.stringValue else {
                throw WorkspaceError.schema(SchemaErrorTemplate.render(entity: "Datastore", fromFile: true, problems: [
                    SchemaErrorTemplate.Problem(category: .missingField, field: "container_name", detail: "Missing data for required field.", line: document.lines["container_name"]),
                ]))
            }
            entity["container_name"] = .string(container)
        case "azure_data_lake_gen2":
            guard let filesystem = root["filesystem"]?.stringValue else {
                throw WorkspaceError.schema(SchemaErrorTemplate.render(entity: "Datastore", fromFile: true, problems: [
                    SchemaErrorTemplate.Problem(category: .missingField, field: "filesystem", detail: "Missing data for required field.", line: document.lines["filesystem"]),
                ]))
            }
            entity["filesystem"] = .string(filesystem)
        default:
            throw WorkspaceError.notSimulated("\(type) datastores (azure_blob and azure_data_lake_gen2 are simulated)")
        }
        var secret: JSONValue = .null
        if let credentials = root["credentials"], credentials != .null {
            let fields = credentials.objectValue ?? [:]
            if let key = fields["account_key"]?.stringValue, type == "azure_blob" {
                entity["credentials"] = ["type": "account_key"]
                secret = ["account_key": .string(key)]
            } else if let sas = fields["sas_token"]?.stringValue, type == "azure_blob" {
                entity["credentials"] = ["type": "sas"]
                secret = ["sas_token": .string(sas)]
            } else if fields["client_secret"] != nil || fields["certificate"] != nil {
                throw WorkspaceError.notSimulated("service principal credentials on a datastore; use identity-based access (no credentials) instead")
            } else {
                throw WorkspaceError.schema(SchemaErrorTemplate.render(entity: "Datastore", fromFile: true, problems: [
                    SchemaErrorTemplate.Problem(category: .invalidValue, field: "credentials", detail: type == "azure_blob" ? "Give credentials.account_key or credentials.sas_token, or leave credentials out for identity-based access."
                                      : "ADLS Gen2 datastores take service principal credentials or none (identity-based access).", line: document.lines["credentials"]),
                ]))
            }
        }
        let now = try workspace.clock.now()
        let createdAt = try workspace.database.resource(kind: DatastoreStore.kind, scope: target.scopeKey, name: name)?.createdAt ?? now
        let body: JSONValue = ["entity": .object(entity), "secret": secret]
        try workspace.database.saveResource(kind: DatastoreStore.kind, scope: target.scopeKey, name: name, createdAt: createdAt, body: body.compact())
        return .object(entity)
    }

    public func show(_ name: String, in target: WorkspaceTarget) throws -> JSONValue {
        if let builtIn = builtInEntity(name, in: target) { return builtIn }
        return try load(name, in: target).entity
    }

    public func list(in target: WorkspaceTarget) throws -> [JSONValue] {
        let stored = try workspace.database.resources(kind: DatastoreStore.kind, scope: target.scopeKey).compactMap { JSONValue.parse($0.body)?["entity"] }
        return (stored + DatastoreStore.builtIn.compactMap { builtInEntity($0, in: target) })
            .sorted { ($0["name"]?.stringValue ?? "") < ($1["name"]?.stringValue ?? "") }
    }

    public func delete(_ name: String, in target: WorkspaceTarget) throws {
        if DatastoreStore.builtIn.contains(name.lowercased()) {
            throw WorkspaceError.failed("(UserError) \(name) is a default datastore of the workspace and cannot be deleted.")
        }
        guard let record = try workspace.database.resource(kind: DatastoreStore.kind, scope: target.scopeKey, name: name), let id = record.id else {
            throw DatastoreStore.notFound(name, target)
        }
        _ = try workspace.database.deleteResource(id: id)
    }

    /// The stored YAML-shaped view of a datastore with its credential (for `update --set`).
    public func documentForUpdate(_ name: String, in target: WorkspaceTarget) throws -> JSONValue {
        let loaded = try load(name, in: target)
        var fields = loaded.entity.objectValue ?? [:]
        for key in ["id", "resourceGroup", "credentials"] { fields[key] = nil }
        if let secret = loaded.secret.objectValue, !secret.isEmpty { fields["credentials"] = .object(secret) }
        return .object(fields)
    }

    // MARK: Reading data through a datastore

    /// Where an `azureml://datastores/<name>/paths/<path>` URI (short or long form) points.
    public struct Location: Sendable {
        public var datastore: String
        public var entity: JSONValue
        /// `account_key` or `sas_token` when the datastore stores one.
        public var secret: JSONValue
        public var account: String
        public var container: String
        public var path: String
        public var isIdentityBased: Bool { secret.objectValue?.isEmpty ?? true }
    }

    /// The datastore name and path of a datastore URI, or nil when `uri` is not one.
    public static func parse(_ uri: String) -> (datastore: String, path: String)? {
        guard uri.hasPrefix("azureml://"), let marker = uri.range(of: "datastores/") else { return nil }
        let rest = uri[marker.upperBound...]
        guard let slash = rest.firstIndex(of: "/") else { return (String(rest), "") }
        let name = String(rest[..<slash])
        var path = String(rest[rest.index(after: slash)...])
        if path.hasPrefix("paths/") { path = String(path.dropFirst("paths/".count)) } else if path == "paths" { path = "" }
        return (name, path)
    }

    public func locate(_ uri: String, in target: WorkspaceTarget) throws -> Location? {
        guard let (name, path) = DatastoreStore.parse(uri) else { return nil }
        if DatastoreStore.builtIn.contains(name.lowercased()) {
            throw WorkspaceError.notSimulated("reading \(uri) from the workspace's default datastore; register the data as a data asset from a local path, or read it through a datastore of your own storage account")
        }
        let loaded = try load(name, in: target)
        let container = loaded.entity["container_name"]?.stringValue ?? loaded.entity["filesystem"]?.stringValue ?? ""
        return Location(datastore: name, entity: loaded.entity, secret: loaded.secret, account: loaded.entity["account_name"]?.stringValue ?? "",
                        container: container, path: path)
    }

    /// The file or folder on disk a location names (it must exist).
    public func file(at location: Location, uri: String) throws -> URL {
        let storage = StorageStore(workspace: workspace)
        _ = try storage.showAccount(location.account)
        let url = try storage.blobURL(account: location.account, container: location.container, path: location.path)
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw WorkspaceError.failed("(UserError) \(uri): no blob or folder '\(location.path)' in container '\(location.container)' of storage account '\(location.account)' (datastore \(location.datastore)).")
        }
        return url
    }

    /// Checks that `identity` may read `location` now, and throws the storage service's answer when it may not.
    public func authorizeRead(_ location: Location, uri: String, input: String, identity: DataAccessIdentity) throws {
        let storage = StorageStore(workspace: workspace)
        let prefix = "(UserError) Cannot read input '\(input)' from \(uri)"
        do {
            if location.isIdentityBased {
                guard let principal = identity.principal else {
                    throw WorkspaceError.failed("Datastore '\(location.datastore)' has no stored credentials, so data access is identity-based, and \(identity.description) has no managed identity to request a token with.")
                }
                do {
                    try storage.authorize(account: location.account, container: location.container, mode: .login, principal: principal, write: false)
                } catch {
                    throw WorkspaceError.failed("Storage account '\(location.account)' answered 403 (AuthorizationPermissionMismatch): This request is not authorized to perform this operation using this permission. Datastore '\(location.datastore)' has no stored credentials, so the data was requested with \(identity.description) (principal id \(principal)).")
                }
            } else {
                let key = location.secret["account_key"]?.stringValue
                do {
                    try storage.authorize(account: location.account, container: location.container, mode: .key, accountKey: key, principal: Workspace.user, write: false)
                } catch {
                    let what = key == nil ? "the SAS token" : "the account key"
                    throw WorkspaceError.failed("Storage account '\(location.account)' refused \(what) stored in datastore '\(location.datastore)': \((error as? WorkspaceError)?.message ?? "\(error)")")
                }
            }
        } catch let error as WorkspaceError {
            throw WorkspaceError.failed("\(prefix): \(error.message)")
        }
    }

    // MARK: Storage

    struct Loaded {
        var entity: JSONValue
        var secret: JSONValue
    }

    func load(_ name: String, in target: WorkspaceTarget) throws -> Loaded {
        guard let record = try workspace.database.resource(kind: DatastoreStore.kind, scope: target.scopeKey, name: name),
              let body = JSONValue.parse(record.body), let entity = body["entity"] else {
            throw DatastoreStore.notFound(name, target)
        }
        return Loaded(entity: entity, secret: body["secret"] ?? .null)
    }

    static func notFound(_ name: String, _ target: WorkspaceTarget) -> WorkspaceError {
        .failed("(UserError) Datastore '\(name)' was not found in \(target.displayName). List datastores with `az ml datastore list`.")
    }

    static func isValidName(_ name: String) -> Bool {
        guard let first = name.first, first.isLetter, name.count <= 255 else { return false }
        return name.allSatisfy { ($0.isLetter || $0.isNumber || $0 == "_") && $0.isASCII }
    }

    func builtInEntity(_ name: String, in target: WorkspaceTarget) -> JSONValue? {
        guard DatastoreStore.builtIn.contains(name) else { return nil }
        let account = target.workspaceName.lowercased().filter { $0.isLetter || $0.isNumber } + "sa"
        let suffix = Workspace.stableGuid("ws-\(target.scopeKey)")
        var entity: [String: JSONValue] = [
            "account_name": .string(account), "credentials": ["type": "account_key"], "endpoint": "core.windows.net",
            "id": .string("\(target.armId)/datastores/\(name)"), "name": .string(name), "protocol": "https",
            "resourceGroup": .string(target.resourceGroup), "tags": [:],
        ]
        switch name {
        case "workspacefilestore", "workspaceworkingdirectory":
            entity["type"] = "azure_file"
            entity["file_share_name"] = .string(name == "workspacefilestore" ? "azureml-filestore-\(suffix)" : "code-\(suffix)")
        default:
            entity["type"] = "azure_blob"
            entity["container_name"] = .string(name == "workspaceblobstore" ? "azureml-blobstore-\(suffix)" : "azureml")
        }
        return .object(entity)
    }
}

/// The identity a job reads identity-based data with.
public struct DataAccessIdentity: Sendable, Equatable {
    /// The principal (object) id, or the user's name for the signed-in user; nil when there is none.
    public var principal: String?
    /// The client id of a managed identity (`DEFAULT_IDENTITY_CLIENT_ID` in the job).
    public var clientId: String?
    /// Words for messages: "the managed identity of compute 'cpu-cluster'".
    public var description: String
    public var isManaged: Bool
}
