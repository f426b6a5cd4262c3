import Foundation
import GRDB

/// One resource of the simulated workspace (a data version, a compute, a job, a secret...) kept as
/// a JSON document. `scope` names the workspace or registry the resource lives in; unversioned
/// resources use an empty `version`.
public struct WorkspaceRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord, EpochDates {
    public static let databaseTableName = "ws_resource"

    public var id: Int64?
    public var kind: String
    public var scope: String
    public var name: String
    public var version: String
    public var versionNumber: Int64
    public var archived: Bool
    public var contentHash: String
    public var createdAt: Date
    public var body: String
    /// The parent resource's name (a pipeline or sweep job for its child jobs), empty otherwise.
    public var parent: String
    /// A lifecycle status kept in its own column so unfinished jobs are found without reading bodies.
    public var status: String

    public init(id: Int64? = nil, kind: String, scope: String, name: String, version: String = "", versionNumber: Int64 = 0,
                archived: Bool = false, contentHash: String = "", createdAt: Date, body: String, parent: String = "", status: String = "") {
        self.parent = parent
        self.status = status
        self.id = id
        self.kind = kind
        self.scope = scope
        self.name = name
        self.version = version
        self.versionNumber = versionNumber
        self.archived = archived
        self.contentHash = contentHash
        self.createdAt = createdAt
        self.body = body
    }

    enum CodingKeys: String, CodingKey {
        case id, kind, scope, name, version, archived, body, parent, status
        case versionNumber = "version_number"
        case contentHash = "content_hash"
        case createdAt = "created_at"
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

/// Which versions a listing returns.
public enum ArchiveFilter: Sendable {
    case activeOnly, includeArchived, archivedOnly
}

/// Outcome of registering a version.
public enum VersionInsertion: Sendable, Equatable {
    /// A new version was stored.
    case created(WorkspaceRecord)
    /// That name and version already existed; nothing was written.
    case existing(WorkspaceRecord)
}

extension StateDatabase {
    /// Registers a version of `name`. With `version == nil` the next free integer version is taken
    /// (one more than the highest numeric version so far) inside one immediate transaction, so two
    /// processes registering at once get consecutive versions. `makeBody` receives the chosen version.
    public func insertVersion(kind: String, scope: String, name: String, version: String?, contentHash: String,
                              createdAt: Date, makeBody: (String) throws -> String) throws -> VersionInsertion {
        try writeImmediate { db in
            let base = WorkspaceRecord.filter(Column("kind") == kind && Column("scope") == scope && Column("name") == name)
            let chosen: String
            if let version {
                if let existing = try base.filter(Column("version") == version).fetchOne(db) { return .existing(existing) }
                chosen = version
            } else {
                let highest = try Int64.fetchOne(db, sql: "SELECT MAX(version_number) FROM ws_resource WHERE kind = ? AND scope = ? AND name = ?",
                                                 arguments: [kind, scope, name]) ?? 0
                chosen = String(highest + 1)
            }
            var record = WorkspaceRecord(kind: kind, scope: scope, name: name, version: chosen,
                                         versionNumber: Int64(chosen) ?? 0, contentHash: contentHash,
                                         createdAt: createdAt, body: try makeBody(chosen))
            try record.insert(db)
            return .created(record)
        }
    }

    /// Inserts or replaces an unversioned resource (compute, job, secret...).
    @discardableResult
    public func saveResource(kind: String, scope: String, name: String, createdAt: Date, body: String, parent: String = "", status: String = "") throws -> WorkspaceRecord {
        try writeImmediate { db in
            if var existing = try WorkspaceRecord.filter(Column("kind") == kind && Column("scope") == scope && Column("name") == name && Column("version") == "").fetchOne(db) {
                existing.body = body
                try existing.update(db)
                return existing
            }
            var record = WorkspaceRecord(kind: kind, scope: scope, name: name, createdAt: createdAt, body: body, parent: parent, status: status)
            try record.insert(db)
            return record
        }
    }

    /// Unversioned records of a kind with a given parent (`""` for top-level ones), newest first.
    public func resources(kind: String, scope: String, parent: String, filter: ArchiveFilter = .activeOnly, limit: Int? = nil) throws -> [WorkspaceRecord] {
        try read { db in
            var request = WorkspaceRecord.filter(Column("kind") == kind && Column("scope") == scope && Column("parent") == parent)
            switch filter {
            case .activeOnly: request = request.filter(Column("archived") == false)
            case .archivedOnly: request = request.filter(Column("archived") == true)
            case .includeArchived: break
            }
            request = request.order(Column("created_at").desc, Column("id").desc)
            if let limit { request = request.limit(limit) }
            return try request.fetchAll(db)
        }
    }

    /// Records of a kind whose status column is one of `statuses` (unfinished jobs); uses the status index.
    public func resources(kind: String, scope: String, statusIn statuses: [String]) throws -> [WorkspaceRecord] {
        try read { db in
            try WorkspaceRecord.filter(Column("kind") == kind && Column("scope") == scope && statuses.contains(Column("status"))).fetchAll(db)
        }
    }

    /// Reads a record, lets `change` rewrite its body, and saves it, all in one write transaction
    /// (so concurrent updates of the same record never lose each other's changes).
    @discardableResult
    public func modifyResource(kind: String, scope: String, name: String, _ change: (String) throws -> (body: String, status: String?)) throws -> WorkspaceRecord? {
        try writeImmediate { db in
            guard var record = try WorkspaceRecord.filter(Column("kind") == kind && Column("scope") == scope && Column("name") == name && Column("version") == "").fetchOne(db) else {
                return nil
            }
            let changed = try change(record.body)
            record.body = changed.body
            if let status = changed.status { record.status = status }
            try record.update(db)
            return record
        }
    }

    /// Replaces the JSON body of a stored record (mutable fields such as tags or state).
    public func updateResourceBody(id: Int64, body: String) throws {
        try writeImmediate { db in
            try db.execute(sql: "UPDATE ws_resource SET body = ? WHERE id = ?", arguments: [body, id])
        }
    }

    /// Marks a record archived or restores it.
    public func setResourceArchived(id: Int64, archived: Bool) throws {
        try writeImmediate { db in
            try db.execute(sql: "UPDATE ws_resource SET archived = ? WHERE id = ?", arguments: [archived, id])
        }
    }

    /// Deletes a record; returns whether it existed.
    @discardableResult
    public func deleteResource(id: Int64) throws -> Bool {
        try writeImmediate { db in
            try db.execute(sql: "DELETE FROM ws_resource WHERE id = ?", arguments: [id])
            return db.changesCount > 0
        }
    }

    /// One record by exact name and version (`""` for unversioned resources).
    public func resource(kind: String, scope: String, name: String, version: String = "") throws -> WorkspaceRecord? {
        try read { db in
            try WorkspaceRecord.filter(Column("kind") == kind && Column("scope") == scope && Column("name") == name && Column("version") == version).fetchOne(db)
        }
    }

    /// The highest numbered version of `name` that is not archived (what `@latest` means).
    public func latestVersion(kind: String, scope: String, name: String) throws -> WorkspaceRecord? {
        try read { db in
            try WorkspaceRecord.filter(Column("kind") == kind && Column("scope") == scope && Column("name") == name && Column("archived") == false)
                .order(Column("version_number").desc, Column("created_at").desc).fetchOne(db)
        }
    }

    /// Records of a kind in a scope, newest first; `name` narrows to that name's versions.
    public func resources(kind: String, scope: String, name: String? = nil, filter: ArchiveFilter = .activeOnly, limit: Int? = nil) throws -> [WorkspaceRecord] {
        try read { db in
            var request = WorkspaceRecord.filter(Column("kind") == kind && Column("scope") == scope)
            if let name { request = request.filter(Column("name") == name) }
            switch filter {
            case .activeOnly: request = request.filter(Column("archived") == false)
            case .archivedOnly: request = request.filter(Column("archived") == true)
            case .includeArchived: break
            }
            request = request.order(Column("created_at").desc, Column("id").desc)
            if let limit { request = request.limit(limit) }
            return try request.fetchAll(db)
        }
    }

    /// The latest version of every name of a kind (what `az ml data list` shows without `--name`).
    public func latestOfEachName(kind: String, scope: String, filter: ArchiveFilter = .activeOnly) throws -> [WorkspaceRecord] {
        let archivedClause: String
        switch filter {
        case .activeOnly: archivedClause = "AND archived = 0"
        case .archivedOnly: archivedClause = "AND archived = 1"
        case .includeArchived: archivedClause = ""
        }
        return try read { db in
            try WorkspaceRecord.fetchAll(db, sql: """
                SELECT r.* FROM ws_resource r
                JOIN (SELECT name, MAX(version_number * 1000000000 + id) AS k FROM ws_resource
                      WHERE kind = ? AND scope = ? \(archivedClause) GROUP BY name) m
                  ON r.name = m.name AND r.version_number * 1000000000 + r.id = m.k
                WHERE r.kind = ? AND r.scope = ?
                ORDER BY r.name
                """, arguments: [kind, scope, kind, scope])
        }
    }

    /// Number of records of a kind in a scope.
    public func resourceCount(kind: String, scope: String) throws -> Int {
        try read { db in try WorkspaceRecord.filter(Column("kind") == kind && Column("scope") == scope).fetchCount(db) }
    }

    /// Inserts many unversioned records in one transaction (seeding, benchmarks).
    public func insertResources(_ records: [WorkspaceRecord]) throws {
        try writeImmediate { db in
            for var record in records { try record.insert(db) }
        }
    }

    /// A workspace setting (defaults, clock offset), or nil when unset.
    public func workspaceSetting(_ key: String) throws -> String? {
        try read { db in try String.fetchOne(db, sql: "SELECT value FROM ws_setting WHERE key = ?", arguments: [key]) }
    }

    /// Sets a workspace setting.
    public func setWorkspaceSetting(_ key: String, _ value: String) throws {
        try writeImmediate { db in
            try db.execute(sql: "INSERT INTO ws_setting(key, value) VALUES(?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value", arguments: [key, value])
        }
    }

    /// Runs `body` in an IMMEDIATE transaction: the write lock is taken up front, so a
    /// read-then-write sequence never races another process's writer.
    func writeImmediate<T>(_ body: (Database) throws -> T) throws -> T {
        do {
            return try pool.writeWithoutTransaction { db in
                var result: T?
                try db.inTransaction(.immediate) {
                    result = try body(db)
                    return .commit
                }
                guard let result else { throw StoreError.database("transaction produced no result") }
                return result
            }
        } catch let error as DatabaseError {
            throw StoreError.database(error.message ?? error.description)
        }
    }
}
