import Foundation
import GRDB

/// The state home's SQLite database: one file, WAL mode, migrated to the newest schema on open.
///
/// Several processes may open the same file at once (a REPL and a one-shot command): WAL lets
/// readers run beside the writer, and writers wait up to `busyTimeout` for each other.
public final class StateDatabase: Sendable {
    /// How long a write waits for another process's write to finish.
    public static let busyTimeout: TimeInterval = 10

    let pool: DatabasePool

    /// Opens (creating and migrating when needed) the database at `url`.
    public init(url: URL) throws {
        var configuration = Configuration()
        configuration.busyMode = .timeout(StateDatabase.busyTimeout)
        configuration.foreignKeysEnabled = true
        do {
            pool = try DatabasePool(path: url.path, configuration: configuration)
            try StateMigrations.migrator.migrate(pool)
        } catch let error as DatabaseError {
            throw StoreError.open(path: url.path, reason: error.message ?? error.description)
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError.open(path: url.path, reason: String(describing: error))
        }
    }

    /// The identifiers of the migrations applied to this file, oldest first.
    public func appliedMigrations() throws -> [String] {
        try read { db in try StateMigrations.migrator.appliedMigrations(db) }
    }

    func read<T>(_ body: (Database) throws -> T) throws -> T {
        do { return try pool.read(body) } catch let error as DatabaseError { throw StoreError.database(error.message ?? error.description) }
    }

    func write<T>(_ body: (Database) throws -> T) throws -> T {
        do { return try pool.write(body) } catch let error as DatabaseError { throw StoreError.database(error.message ?? error.description) }
    }
}

/// Failures of the state database, worded for the learner.
public enum StoreError: Error, Equatable, CustomStringConvertible {
    case open(path: String, reason: String)
    case database(String)
    case notFound(String)

    public var description: String {
        switch self {
        case .open(let path, let reason): return "cannot open the state database \(path): \(reason)"
        case .database(let reason): return "state database error: \(reason)"
        case .notFound(let what): return "\(what) not found"
        }
    }
}
