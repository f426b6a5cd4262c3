import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
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

    /// ISO-8601 text as az prints times (`2026-11-21T21:30:00.000000+00:00`), formatted with `gmtime_r`
    /// (the scoring host stamps every collected request with it; a DateFormatter per call cost tens of µs).
    public static func isoString(_ date: Date) -> String {
        let interval = date.timeIntervalSince1970
        let whole = interval.rounded(.down)
        var seconds = time_t(whole)
        var parts = tm()
        gmtime_r(&seconds, &parts)
        let micros = min(999_999, max(0, Int(((interval - whole) * 1_000_000).rounded(.down))))
        func pad(_ value: Int, _ width: Int) -> String {
            let text = String(value)
            return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
        }
        return "\(pad(Int(parts.tm_year) + 1900, 4))-\(pad(Int(parts.tm_mon) + 1, 2))-\(pad(Int(parts.tm_mday), 2))T\(pad(Int(parts.tm_hour), 2)):\(pad(Int(parts.tm_min), 2)):\(pad(Int(parts.tm_sec), 2)).\(pad(micros, 6))+00:00"
    }
}
