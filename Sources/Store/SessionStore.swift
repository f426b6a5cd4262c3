import Foundation
import GRDB

/// A practice drill or mock exam as stored: its form and navigation state are opaque JSON
/// written by the Exam module; the store only keeps them safe between processes.
public struct SessionRecord: Codable, Sendable, Equatable {
    public var id: Int64?
    /// `practice` or `exam`.
    public var kind: String
    /// `open`, `submitted` or `abandoned`.
    public var status: String
    public var startedAt: Date
    /// When the exam clock runs out (exams only).
    public var deadline: Date?
    public var seed: Int64
    public var form: Data
    public var position: Data
    public var submittedAt: Date?
    public var result: Data?

    public init(kind: String, status: String, startedAt: Date, deadline: Date?, seed: Int64, form: Data, position: Data) {
        self.kind = kind
        self.status = status
        self.startedAt = startedAt
        self.deadline = deadline
        self.seed = seed
        self.form = form
        self.position = position
    }

    enum CodingKeys: String, CodingKey {
        case id, kind, status, deadline, seed, form, position, result
        case startedAt = "started_at", submittedAt = "submitted_at"
    }
}

extension SessionRecord: FetchableRecord, MutablePersistableRecord, EpochDates {
    public static let databaseTableName = "session"
    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

extension StateDatabase {
    /// Stores a new session and returns it with its id.
    public func createSession(_ session: SessionRecord) throws -> SessionRecord {
        try write { db in
            var copy = session
            try copy.insert(db)
            return copy
        }
    }

    /// Replaces a stored session's mutable fields (status, position, result).
    public func updateSession(_ session: SessionRecord) throws {
        try write { db in try session.update(db) }
    }

    /// Stores a session's navigation state only while it is still open; false when another
    /// process has submitted or abandoned it meanwhile (nothing is written then).
    public func saveOpenSessionPosition(_ position: Data, id: Int64) throws -> Bool {
        try write { db in
            try db.execute(sql: "UPDATE session SET position = ? WHERE id = ? AND status = 'open'", arguments: [position, id])
            return db.changesCount > 0
        }
    }

    public func session(id: Int64) throws -> SessionRecord? {
        try read { db in try SessionRecord.fetchOne(db, key: id) }
    }

    /// The most recent open session of `kind`, if any.
    public func latestOpenSession(kind: String) throws -> SessionRecord? {
        try read { db in
            try SessionRecord.filter(Column("kind") == kind && Column("status") == "open")
                .order(Column("started_at").desc, Column("id").desc).fetchOne(db)
        }
    }

    /// Sessions of `kind`, oldest first.
    public func sessions(kind: String, status: String? = nil) throws -> [SessionRecord] {
        try read { db in
            var request = SessionRecord.filter(Column("kind") == kind)
            if let status { request = request.filter(Column("status") == status) }
            return try request.order(Column("started_at"), Column("id")).fetchAll(db)
        }
    }

    /// Marks an exam submitted with its result and records its answers as evidence, atomically.
    public func submitExam(_ session: SessionRecord, answers: [AnswerRecord]) throws {
        try write { db in
            guard let id = session.id, let current = try SessionRecord.fetchOne(db, key: id) else {
                throw StoreError.notFound("exam session")
            }
            guard current.status == "open" else { return }
            try session.update(db)
            for var answer in answers { try answer.insert(db) }
        }
    }
}
