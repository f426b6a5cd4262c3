import Foundation
import Store

/// Simulated time: the wall clock plus an offset the learner moves forward with
/// `mlopslab clock advance`. Idle scale-down, schedules and cost are computed on it.
public struct SimulatedClock: Sendable {
    static let offsetKey = "clock.offset_seconds"
    let database: StateDatabase

    /// Seconds the clock runs ahead of real time.
    public func offset() throws -> TimeInterval {
        try database.workspaceSetting(SimulatedClock.offsetKey).flatMap(TimeInterval.init) ?? 0
    }

    /// The simulated current time.
    public func now() throws -> Date { Date().addingTimeInterval(try offset()) }

    /// Moves the clock forward; returns the new time.
    @discardableResult
    public func advance(by seconds: TimeInterval) throws -> Date {
        guard seconds > 0 else { throw WorkspaceError.invalidArgument("the clock only moves forward: give a positive duration such as 3h or 7d") }
        try database.setWorkspaceSetting(SimulatedClock.offsetKey, String(try offset() + seconds))
        return try now()
    }

    /// Parses `90s`, `45m`, `3h`, `7d`, `2w` (or a plain number of seconds).
    public static func parseDuration(_ text: String) throws -> TimeInterval {
        let trimmed = text.trimmingCharacters(in: .whitespaces).lowercased()
        let units: [Character: Double] = ["s": 1, "m": 60, "h": 3600, "d": 86400, "w": 604800]
        let limit = 100 * 365 * 86400.0
        if let last = trimmed.last, let unit = units[last], let value = Double(trimmed.dropLast()), value.isFinite, value > 0, value * unit <= limit {
            return value * unit
        }
        if let value = Double(trimmed), value.isFinite, value > 0, value <= limit { return value }
        throw WorkspaceError.invalidArgument("invalid duration '\(text)': use a positive number with a unit, e.g. 90s, 45m, 3h, 7d or 2w (at most 100 years)")
    }

    /// ISO-8601 text as az prints times (`2026-11-21T21:30:00.000000+00:00`).
    public static func isoString(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd'T'HH:mm:ss.SSSSSS'+00:00'"
        return formatter.string(from: date)
    }
}
