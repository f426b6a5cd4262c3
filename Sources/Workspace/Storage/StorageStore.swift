import Foundation
import Primitives
import Store

/// Storage accounts, their blob containers and blobs (`az storage account|container|blob`). Blobs are real
/// files under `<home>/storage/<account>/<container>/<blob>`. The data plane is authorised as Azure does
/// it: with the account key (refused when the account has `allowSharedKeyAccess: false`) or with the
/// caller's Microsoft Entra identity, which needs a `Storage Blob Data ...` role on the account or the
/// container (control-plane roles such as Owner or Contributor grant no blob data access).
public struct StorageStore: Sendable {
    static let accountKind = "storage-account"
    static let containerKind = "storage-container"
    let workspace: Workspace

    public init(workspace: Workspace) { self.workspace = workspace }

    var subscription: String { Workspace.subscriptionId }

    /// How a data-plane call is authorised (`--auth-mode key|login`).
    public enum AuthMode: String, Sendable {
        case key
        case login
    }

    /// Roles whose data actions include reading blobs, and writing them.
    public static let blobReadRoles = ["Storage Blob Data Reader", "Storage Blob Data Contributor", "Storage Blob Data Owner"]
    public static let blobWriteRoles = ["Storage Blob Data Contributor", "Storage Blob Data Owner"]

    // MARK: Accounts

    public func createAccount(name: String, group: String, location: String, sku: String?, kind: String?,
                              allowSharedKeyAccess: Bool?, hierarchicalNamespace: Bool?) throws -> JSONValue {
        try StorageStore.checkAccountName(name)
        try DirectoryStore(workspace: workspace).requireGroup(group)
        if let existing = try workspace.database.resource(kind: StorageStore.accountKind, scope: subscription, name: name),
           let body = JSONValue.parse(existing.body), let entity = body["entity"] {
            guard entity["resourceGroup"]?.stringValue == group else {
                throw WorkspaceError.failed("(StorageAccountAlreadyTaken) The storage account named \(name) is already taken.")
            }
            return entity
        }
        let id = "/subscriptions/\(subscription)/resourceGroups/\(group)/providers/Microsoft.Storage/storageAccounts/\(name)"
        let hns = hierarchicalNamespace ?? false
        let skuName = sku ?? "Standard_RAGRS"
        let entity: JSONValue = [
            "accessTier": "Hot", "allowBlobPublicAccess": false, "allowSharedKeyAccess": .bool(allowSharedKeyAccess ?? true),
            "creationTime": .string(SimulatedClock.isoString(try workspace.clock.now())),
            "enableHttpsTrafficOnly": true, "id": .string(id), "isHnsEnabled": .bool(hns), "kind": .string(kind ?? "StorageV2"),
            "location": .string(location), "minimumTlsVersion": "TLS1_2", "name": .string(name),
            "primaryEndpoints": ["blob": .string("https://\(name).blob.core.windows.net/"), "dfs": .string("https://\(name).dfs.core.windows.net/"),
                                 "file": .string("https://\(name).file.core.windows.net/")],
            "provisioningState": "Succeeded", "publicNetworkAccess": "Enabled", "resourceGroup": .string(group),
            "sku": ["name": .string(skuName), "tier": .string(skuName.hasPrefix("Premium") ? "Premium" : "Standard")],
            "tags": [:], "type": "Microsoft.Storage/storageAccounts",
        ]
        try saveAccount(name: name, entity: entity, keys: [StorageStore.makeKey(name, 1), StorageStore.makeKey(name, 2)])
        return entity
    }

    public func showAccount(_ name: String) throws -> JSONValue {
        try loadAccount(name).entity
    }

    public func listAccounts(group: String?) throws -> [JSONValue] {
        try workspace.database.resources(kind: StorageStore.accountKind, scope: subscription).compactMap { JSONValue.parse($0.body)?["entity"] }
            .filter { group == nil || $0["resourceGroup"]?.stringValue == group }
            .sorted { ($0["name"]?.stringValue ?? "") < ($1["name"]?.stringValue ?? "") }
    }

    /// `az storage account update`: today the shared-key switch.
    public func updateAccount(_ name: String, allowSharedKeyAccess: Bool?) throws -> JSONValue {
        var account = try loadAccount(name)
        if let allowSharedKeyAccess { account.entity = account.entity.setting("allowSharedKeyAccess", .bool(allowSharedKeyAccess)) }
        try saveAccount(name: name, entity: account.entity, keys: account.keys)
        return account.entity
    }

    /// `az storage account keys list`: the two account keys (what a key-based datastore stores).
    public func keys(account name: String) throws -> [JSONValue] {
        let account = try loadAccount(name)
        return account.keys.enumerated().map { index, key in
            ["creationTime": account.entity["creationTime"] ?? .null, "keyName": .string("key\(index + 1)"), "permissions": "FULL", "value": .string(key)]
        }
    }

    /// `az storage account keys renew --key primary|secondary`: the old key stops working at once.
    public func renewKey(account name: String, key: String) throws -> [JSONValue] {
        var account = try loadAccount(name)
        let index = key == "secondary" ? 1 : 0
        let generation = Int(Date().timeIntervalSince1970 * 1000)
        if account.keys.indices.contains(index) { account.keys[index] = StorageStore.makeKey(name, 10 + index + generation) }
        try saveAccount(name: name, entity: account.entity, keys: account.keys)
        return try keys(account: name)
    }

    // MARK: Data plane

    /// The principal az acts as: the managed identity of the job it runs in, else the signed-in user.
    public static func callerPrincipal(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let principal = environment["MLOPSLAB_CALLER_PRINCIPAL"], !principal.isEmpty { return principal }
        return Workspace.user
    }

    /// Checks a data-plane call on `container` of `account` and throws the storage service's error when it
    /// is not allowed. `accountKey` is the key presented in key mode (nil: the current key, as az fetches it).
    public func authorize(account name: String, container: String?, mode: AuthMode, accountKey: String? = nil,
                          principal: String, write: Bool) throws {
        let account = try loadAccount(name)
        switch mode {
        case .key:
            guard account.entity["allowSharedKeyAccess"]?.boolValue ?? true else {
                throw WorkspaceError.failed("Key based authentication is not permitted on this storage account.\nErrorCode:KeyBasedAuthenticationNotPermitted")
            }
            if let accountKey, !account.keys.contains(accountKey) {
                throw WorkspaceError.failed("Server failed to authenticate the request. Make sure the value of Authorization header is formed correctly including the signature.\nErrorCode:AuthenticationFailed")
            }
        case .login:
            let resource = container.map { StorageStore.containerId(account: account.id, container: $0) } ?? account.id
            let roles = write ? StorageStore.blobWriteRoles : StorageStore.blobReadRoles
            guard try DirectoryStore(workspace: workspace).hasRole(principal: principal, anyOf: roles, on: resource) else {
                throw WorkspaceError.failed("""
                You do not have the required permissions needed to perform this operation.
                Depending on your operation, you may need to be assigned one of the following roles:
                    "Storage Blob Data Owner"
                    "Storage Blob Data Contributor"
                    "Storage Blob Data Reader"

                If you want to use the old authentication method and allow querying for the right account key, please use the "--auth-mode" parameter and "key" value.
                """)
            }
        }
    }

    public func createContainer(account: String, name: String, mode: AuthMode, accountKey: String?) throws -> JSONValue {
        try authorize(account: account, container: nil, mode: mode, accountKey: accountKey, principal: StorageStore.callerPrincipal(), write: true)
        guard (3...63).contains(name.count), name.allSatisfy({ $0.isLowercase || $0.isNumber || $0 == "-" }), name.first != "-" else {
            throw WorkspaceError.failed("The specifed resource name contains invalid characters.\nErrorCode:InvalidResourceName")
        }
        let created = try workspace.database.resource(kind: StorageStore.containerKind, scope: account, name: name) == nil
        if created {
            try workspace.database.saveResource(kind: StorageStore.containerKind, scope: account, name: name, createdAt: try workspace.clock.now(),
                                                body: JSONValue.object(["name": .string(name)]).compact())
            try FileManager.default.createDirectory(at: containerFolder(account: account, container: name), withIntermediateDirectories: true)
        }
        return ["created": .bool(created)]
    }

    public func requireContainer(account: String, container: String) throws {
        guard try workspace.database.resource(kind: StorageStore.containerKind, scope: account, name: container) != nil else {
            throw WorkspaceError.failed("The specified container does not exist.\nErrorCode:ContainerNotFound")
        }
    }

    /// `az storage blob upload`: copies a local file into the container.
    public func upload(account: String, container: String, blob: String, file: URL, mode: AuthMode, accountKey: String?, overwrite: Bool) throws -> JSONValue {
        try authorize(account: account, container: container, mode: mode, accountKey: accountKey, principal: StorageStore.callerPrincipal(), write: true)
        try requireContainer(account: account, container: container)
        let destination = try blobURL(account: account, container: container, path: blob)
        if FileManager.default.fileExists(atPath: destination.path), !overwrite {
            throw WorkspaceError.failed("The specified blob already exists.\nRESPONSEID\nErrorCode:BlobAlreadyExists")
        }
        guard let data = FileManager.default.contents(atPath: file.path) else { throw WorkspaceError.pathMissing(path: file.path) }
        try FileManager.default.createDirectory(at: destination.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: destination)
        let time = SimulatedClock.isoString(try workspace.clock.now())
        return ["client_request_id": .string(Workspace.stableGuid("\(account)/\(container)/\(blob)/\(time)")), "date": .string(time),
                "etag": .string("\"0x\(SHA256Hasher.hex(Array(data)).prefix(15).uppercased())\""), "last_modified": .string(time), "version_id": .null]
    }

    /// `az storage blob list`: name, size and type of each blob (optionally under a prefix).
    public func listBlobs(account: String, container: String, prefix: String?, mode: AuthMode, accountKey: String?) throws -> [JSONValue] {
        try authorize(account: account, container: container, mode: mode, accountKey: accountKey, principal: StorageStore.callerPrincipal(), write: false)
        try requireContainer(account: account, container: container)
        let root = containerFolder(account: account, container: container)
        let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey, .fileSizeKey])
        var items: [JSONValue] = []
        while let url = enumerator?.nextObject() as? URL {
            guard (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true else { continue }
            let name = String(url.standardizedFileURL.path.dropFirst(root.standardizedFileURL.path.count + 1))
            if let prefix, !name.hasPrefix(prefix) { continue }
            let size = (try? url.resourceValues(forKeys: [.fileSizeKey]).fileSize) ?? 0
            items.append(["blobType": "BlockBlob", "container": .string(container), "name": .string(name),
                          "properties": ["contentLength": .int(Int64(size))]])
        }
        return items.sorted { ($0["name"]?.stringValue ?? "") < ($1["name"]?.stringValue ?? "") }
    }

    /// The folder or file a blob path names on disk (`..` segments are refused).
    public func blobURL(account: String, container: String, path: String) throws -> URL {
        let parts = path.split(separator: "/").map(String.init)
        guard !parts.contains(".."), !parts.isEmpty || path.isEmpty else {
            throw WorkspaceError.invalidArgument("invalid blob path '\(path)'")
        }
        return parts.reduce(containerFolder(account: account, container: container)) { $0.appendingPathComponent($1) }
    }

    func containerFolder(account: String, container: String) -> URL {
        workspace.home.appendingPathComponent("storage", isDirectory: true).appendingPathComponent(account, isDirectory: true)
            .appendingPathComponent(container, isDirectory: true)
    }

    /// The ARM id of a blob container (a role assignment scope).
    public static func containerId(account accountId: String, container: String) -> String {
        "\(accountId)/blobServices/default/containers/\(container)"
    }

    // MARK: Storage

    struct Account {
        var entity: JSONValue
        var keys: [String]
        var id: String { entity["id"]?.stringValue ?? "" }
    }

    func loadAccount(_ name: String) throws -> Account {
        guard let record = try workspace.database.resource(kind: StorageStore.accountKind, scope: subscription, name: name),
              let body = JSONValue.parse(record.body), let entity = body["entity"] else {
            throw WorkspaceError.failed("(ResourceNotFound) The Resource 'Microsoft.Storage/storageAccounts/\(name)' under resource group '\(Workspace.defaultGroup)' was not found. For more details please go to https://aka.ms/ARMResourceNotFoundFix")
        }
        return Account(entity: entity, keys: (body["keys"]?.arrayValue ?? []).compactMap(\.stringValue))
    }

    private func saveAccount(name: String, entity: JSONValue, keys: [String]) throws {
        let body: JSONValue = ["entity": entity, "keys": .array(keys.map(JSONValue.string))]
        try workspace.database.saveResource(kind: StorageStore.accountKind, scope: subscription, name: name, createdAt: try workspace.clock.now(), body: body.compact())
    }

    /// A deterministic 64-byte key, base64 (the shape of a real account key).
    static func makeKey(_ account: String, _ index: Int) -> String {
        var random = SplitMix64(seed: UInt64(truncatingIfNeeded: Array(account.utf8).reduce(UInt64(index) &* 1_000_003) { $0 &* 31 &+ UInt64($1) }))
        return Data((0..<64).map { _ in UInt8(truncatingIfNeeded: random.next()) }).base64EncodedString()
    }

    static func checkAccountName(_ name: String) throws {
        guard (3...24).contains(name.count), name.allSatisfy({ ($0.isLowercase && $0.isASCII) || ($0.isNumber && $0.isASCII) }) else {
            throw WorkspaceError.failed("(AccountNameInvalid) \(name) is not a valid storage account name. Storage account name must be between 3 and 24 characters in length and use numbers and lower-case letters only.")
        }
    }
}
