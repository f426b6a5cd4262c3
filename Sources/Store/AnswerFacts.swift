import Foundation
import GRDB
import GRDBSQLite

/// The part of a recorded answer the readiness model needs.
public struct AnswerFact: Sendable, Equatable {
    public var area: String
    public var objective: String
    public var difficulty: String
    public var correct: Bool
    public var dontKnow: Bool
    public var confidence: String
    public var answeredAt: Date
    public var source: String
}

extension StateDatabase {
    /// Every recorded answer as an `AnswerFact`, in storage order.
    ///
    /// Read column by column through SQLite's C API, with the text columns interned (they take a
    /// few dozen distinct values), so 100,000 answers load in a few tens of milliseconds.
    public func answerFacts() throws -> [AnswerFact] {
        try read { db in
            let statement = try db.makeStatement(sql: """
                SELECT area, objective, difficulty, correct, dont_know, confidence, answered_at, source FROM answer
                """)
            let handle = statement.sqliteStatement
            var interners = Array(repeating: TextInterner(), count: 8)
            var facts: [AnswerFact] = []
            facts.reserveCapacity(Int(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM answer") ?? 0))
            while true {
                let step = sqlite3_step(handle)
                if step == SQLITE_DONE { break }
                guard step == SQLITE_ROW else {
                    throw StoreError.database(String(cString: sqlite3_errmsg(db.sqliteConnection)))
                }
                func text(_ column: Int32) -> String { interners[Int(column)].string(handle, column) }
                facts.append(AnswerFact(
                    area: text(0), objective: text(1), difficulty: text(2),
                    correct: sqlite3_column_int64(handle, 3) != 0, dontKnow: sqlite3_column_int64(handle, 4) != 0,
                    confidence: text(5), answeredAt: Date(timeIntervalSince1970: sqlite3_column_double(handle, 6)), source: text(7)))
            }
            sqlite3_reset(handle)
            return facts
        }
    }
}

/// Returns one shared `String` per distinct text value of a column.
private struct TextInterner {
    private var known: [(bytes: [UInt8], value: String)] = []
    private var last = -1

    mutating func string(_ statement: OpaquePointer?, _ column: Int32) -> String {
        guard let pointer = sqlite3_column_text(statement, column) else { return "" }
        let count = Int(sqlite3_column_bytes(statement, column))
        if known.indices.contains(last), matches(known[last].bytes, pointer, count) { return known[last].value }
        for index in known.indices where matches(known[index].bytes, pointer, count) {
            last = index
            return known[index].value
        }
        let value = String(decoding: UnsafeBufferPointer(start: pointer, count: count), as: UTF8.self)
        if known.count < 256 {
            known.append((Array(UnsafeBufferPointer(start: pointer, count: count)), value))
            last = known.count - 1
        }
        return value
    }

    private func matches(_ bytes: [UInt8], _ pointer: UnsafePointer<UInt8>, _ count: Int) -> Bool {
        bytes.count == count && bytes.withUnsafeBufferPointer { buffer in buffer.baseAddress.map { memcmp($0, pointer, count) == 0 } ?? (count == 0) }
    }
}

extension StateDatabase {
    /// The ids of every question answered at least once.
    public func answeredQuestionIDs() throws -> Set<String> {
        try read { db in Set(try String.fetchAll(db, sql: "SELECT DISTINCT question_id FROM answer")) }
    }
}
