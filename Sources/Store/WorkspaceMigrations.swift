import GRDB

/// Tables of the simulated Azure ML workspace: versioned and unversioned resources stored as JSON
/// documents, their labels, and key/value settings (defaults, the simulated clock).
enum WorkspaceMigrations {
    /// Registers the workspace migrations; call after the v2 migrations.
    static func register(on migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v3-workspace-resources") { db in
            try db.create(table: "ws_resource") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("kind", .text).notNull()
                t.column("scope", .text).notNull()
                t.column("name", .text).notNull()
                t.column("version", .text).notNull().defaults(to: "")
                t.column("version_number", .integer).notNull().defaults(to: 0)
                t.column("archived", .boolean).notNull().defaults(to: false)
                t.column("content_hash", .text).notNull().defaults(to: "")
                t.column("created_at", .double).notNull()
                t.column("body", .text).notNull()
                t.uniqueKey(["kind", "scope", "name", "version"])
            }
            try db.create(index: "ws_resource_listing", on: "ws_resource", columns: ["kind", "scope", "created_at"])
            try db.create(table: "ws_setting") { t in
                t.primaryKey("key", .text)
                t.column("value", .text).notNull()
            }
        }
        migrator.registerMigration("v3-workspace-job-parent") { db in
            try db.alter(table: "ws_resource") { t in
                t.add(column: "parent", .text).notNull().defaults(to: "")
            }
            try db.create(index: "ws_resource_children", on: "ws_resource", columns: ["kind", "scope", "parent", "created_at"])
        }
        migrator.registerMigration("v3-workspace-job-status") { db in
            try db.alter(table: "ws_resource") { t in
                t.add(column: "status", .text).notNull().defaults(to: "")
            }
            try db.create(index: "ws_resource_status", on: "ws_resource", columns: ["kind", "scope", "status"])
        }
    }
}
