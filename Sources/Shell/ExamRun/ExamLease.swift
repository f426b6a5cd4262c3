import CLICore
import Foundation
import Store

/// The right to run the mock exam, held by one process at a time: an exclusive lock on
/// `exam.lock` in the state home for as long as a process shows the exam (start, resume, abandon,
/// or submitting one whose time ran out). A second process is refused with a message naming the
/// holder. The kernel releases the lock when the holder pauses, exits or is killed (even kill -9).
final class ExamLease {
    private let lock: FileLock

    private init(lock: FileLock) { self.lock = lock }

    /// The lock file in `home`.
    static func lockURL(in home: StateHome) -> URL { home.url.appendingPathComponent("exam.lock") }

    /// Takes the lease, or throws a one-line error naming the process that holds it.
    static func take(in home: StateHome, now: Date = Date()) throws -> ExamLease {
        if let lease = try tryTake(in: home, now: now) { return lease }
        let holder = FileLock.contents(of: lockURL(in: home)).flatMap(Holder.init(recorded:))
        let who = holder.map { "process \($0.pid), since \($0.since)" } ?? "another process"
        throw CLIError.invalidInput("the exam is open in another mlopslab \(who); pause it there (pause or Ctrl-D) or end that process, then try again")
    }

    /// Takes the lease when no other process holds it; nil otherwise.
    static func tryTake(in home: StateHome, now: Date = Date()) throws -> ExamLease? {
        let url = lockURL(in: home)
        let lock: FileLock?
        do {
            lock = try FileLock.tryAcquire(at: url)
        } catch let error as FileLockError {
            throw CLIError.stateHome(path: home.url.path, reason: "the exam lock \(url.lastPathComponent) cannot be used (\(error.reason))")
        }
        guard let lock else { return nil }
        lock.record(Holder(pid: getpid(), since: Self.timeOfDay(now)).recorded)
        return ExamLease(lock: lock)
    }

    /// Gives the lease up before the object goes away.
    func release() { lock.release() }

    /// The local time of day of `date`, e.g. `10:42:07`.
    private static func timeOfDay(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "HH:mm:ss"
        return formatter.string(from: date)
    }

    /// Who holds the lease, as written in the lock file: `pid=1234 since=10:42:07`.
    struct Holder: Equatable {
        var pid: Int32
        var since: String

        var recorded: String { "pid=\(pid) since=\(since)\n" }

        init(pid: Int32, since: String) {
            self.pid = pid
            self.since = since
        }

        init?(recorded: String) {
            var fields: [String: String] = [:]
            for word in recorded.split(whereSeparator: { $0 == " " || $0 == "\n" }) {
                let parts = word.split(separator: "=", maxSplits: 1).map(String.init)
                if parts.count == 2 { fields[parts[0]] = parts[1] }
            }
            guard let pidText = fields["pid"], let pid = Int32(pidText) else { return nil }
            self.pid = pid
            self.since = fields["since"] ?? "an unknown time"
        }
    }
}
