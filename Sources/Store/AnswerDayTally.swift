import GRDB

/// The `answer_day` table: recorded answers counted per (area, objective, difficulty, confidence,
/// source, correct, don't know) and UTC day, with the sum and maximum of their times.
///
/// Triggers on `answer` keep it in step with every insert, delete and update, in the same
/// transaction, so the scorecard reads a few thousand tallies instead of every answer.
enum AnswerDayTally {
    static let keyColumns = ["area", "objective", "difficulty", "confidence", "source", "correct", "dont_know"]

    static func create(in db: Database) throws {
        try db.create(table: "answer_day") { t in
            t.column("area", .text).notNull()
            t.column("objective", .text).notNull()
            t.column("difficulty", .text).notNull()
            t.column("confidence", .text).notNull()
            t.column("source", .text).notNull()
            t.column("correct", .boolean).notNull()
            t.column("dont_know", .boolean).notNull()
            t.column("day", .integer).notNull()
            t.column("count", .integer).notNull()
            t.column("sum_at", .double).notNull()
            t.column("max_at", .double).notNull()
            t.primaryKey(keyColumns + ["day"])
        }
        let columns = keyColumns.joined(separator: ", ")
        let new = keyColumns.map { "NEW.\($0)" }.joined(separator: ", ")
        let sameKey = keyColumns.map { "\($0) = OLD.\($0)" }.joined(separator: " AND ")
        let day = { (row: String) in "CAST(\(row).answered_at / 86400 AS INTEGER)" }
        let add = """
            INSERT INTO answer_day (\(columns), day, count, sum_at, max_at)
            VALUES (\(new), \(day("NEW")), 1, NEW.answered_at, NEW.answered_at)
            ON CONFLICT (\(columns), day) DO UPDATE SET count = count + 1, sum_at = sum_at + excluded.sum_at, max_at = max(max_at, excluded.max_at);
            """
        let remove = """
            UPDATE answer_day SET count = count - 1, sum_at = sum_at - OLD.answered_at,
                max_at = coalesce((SELECT max(answered_at) FROM answer WHERE \(sameKey) AND \(day("answer")) = answer_day.day), 0)
                WHERE \(sameKey) AND day = \(day("OLD"));
            DELETE FROM answer_day WHERE count <= 0;
            """
        try db.execute(sql: """
            CREATE TRIGGER answer_day_insert AFTER INSERT ON answer BEGIN \(add) END;
            CREATE TRIGGER answer_day_delete AFTER DELETE ON answer BEGIN \(remove) END;
            CREATE TRIGGER answer_day_update AFTER UPDATE ON answer BEGIN \(remove) \(add) END;
            INSERT INTO answer_day (\(columns), day, count, sum_at, max_at)
                SELECT \(columns), \(day("answer")), count(*), sum(answered_at), max(answered_at) FROM answer
                GROUP BY \(columns), \(day("answer"));
            """)
    }
}
