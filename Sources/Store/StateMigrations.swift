import GRDB

/// The schema's history. Each step is applied once, in order, so a database written by an older
/// build opens in a newer one. Never edit a shipped migration: add a new one.
enum StateMigrations {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-answers-sessions") { db in
            try db.create(table: "answer") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("question_id", .text).notNull().indexed()
                t.column("part", .integer).notNull().defaults(to: 0)
                t.column("area", .text).notNull().indexed()
                t.column("objective", .text).notNull()
                t.column("difficulty", .text).notNull()
                t.column("correct", .boolean).notNull()
                t.column("dont_know", .boolean).notNull()
                t.column("confidence", .text).notNull()
                t.column("response", .text).notNull()
                t.column("answered_at", .double).notNull()
                t.column("source", .text).notNull()
                t.column("session_id", .integer)
            }
            try db.create(table: "session") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("kind", .text).notNull()
                t.column("status", .text).notNull()
                t.column("started_at", .double).notNull()
                t.column("deadline", .double)
                t.column("seed", .integer).notNull()
                t.column("form", .blob).notNull()
                t.column("position", .blob).notNull()
                t.column("submitted_at", .double)
                t.column("result", .blob)
            }
            try db.create(table: "srs_card") { t in
                t.primaryKey("question_id", .text)
                t.column("ease", .double).notNull()
                t.column("interval_days", .double).notNull()
                t.column("repetitions", .integer).notNull()
                t.column("lapses", .integer).notNull()
                t.column("due_at", .double).notNull().indexed()
                t.column("last_reviewed_at", .double).notNull()
            }
        }
        migrator.registerMigration("v2-self-assessment") { db in
            try db.create(table: "self_assessment") { t in
                t.primaryKey("area", .text)
                t.column("rating", .text).notNull()
                t.column("rated_at", .double).notNull()
            }
        }
        WorkspaceMigrations.register(on: &migrator)
        migrator.registerMigration("v4-lab-attempts") { db in
            try db.create(table: "lab_attempt") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("lab_id", .text).notNull().indexed()
                t.column("lab_version", .integer).notNull()
                t.column("status", .text).notNull()
                t.column("started_at", .double).notNull()
                t.column("ended_at", .double)
                t.column("checks_run", .integer).notNull().defaults(to: 0)
                t.column("hints", .text).notNull().defaults(to: "{}")
                t.column("solution_viewed", .boolean).notNull().defaults(to: false)
                t.column("decisions", .text).notNull().defaults(to: "{}")
                t.column("outcomes", .text).notNull().defaults(to: "[]")
                t.column("score", .double)
                t.column("max_score", .double)
                t.column("area_scores", .text).notNull().defaults(to: "{}")
            }
        }
        migrator.registerMigration("v5-answer-days") { db in
            try AnswerDayTally.create(in: db)
        }
        return migrator
    }
}
