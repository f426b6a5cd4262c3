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

    /// How long opening waits for another process that is creating or migrating the same file.
    public static let setupTimeout: TimeInterval = 30

    /// The lock file that serialises schema set-up across processes (next to the database).
    public static func setupLockURL(for url: URL) -> URL {
        url.deletingLastPathComponent().appendingPathComponent(url.lastPathComponent + ".setup-lock")
    }

    /// Opens (creating and migrating when needed) the database at `url`.
    ///
    /// Creating the file, switching it to WAL and migrating happen under an exclusive lock on
    /// `setupLockURL(for:)`, so processes that open a new (or older) database at the same moment
    /// take turns: the first creates or upgrades the schema, the others find it done.
    public init(url: URL) throws {
        var configuration = Configuration()
        configuration.busyMode = .timeout(StateDatabase.busyTimeout)
        configuration.foreignKeysEnabled = true
        do {
            let lock: FileLock?
            do {
                lock = try FileLock.acquire(at: StateDatabase.setupLockURL(for: url), timeout: StateDatabase.setupTimeout)
            } catch let error as FileLockError {
                throw StoreError.open(path: url.path, reason: error.reason)
            }
            guard let lock else {
                throw StoreError.open(path: url.path, reason: "another mlopslab process has been setting it up for \(Int(StateDatabase.setupTimeout)) s; try again")
            }
            defer { lock.release() }
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
