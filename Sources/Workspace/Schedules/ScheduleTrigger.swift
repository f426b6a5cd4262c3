import Foundation

/// A schedule's `trigger:`: cron or recurrence, with `start_time`, `end_time` and `time_zone`
/// (Windows time zone names as Azure ML takes them, e.g. "Pacific Standard Time"; default UTC).
public struct ScheduleTrigger: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        case cron(CronExpression)
        case recurrence(Recurrence)
    }

    /// `type: recurrence`: every `interval` `frequency` units, optionally at set hours/minutes/week days.
    public struct Recurrence: Sendable, Equatable {
        public enum Frequency: String, Sendable, Hashable { case minute, hour, day, week, month }
        public var frequency: Frequency
        public var interval: Int
        public var hours: [Int]
        public var minutes: [Int]
        /// 0 = Sunday ... 6 = Saturday.
        public var weekDays: Set<Int>
        public var monthDays: Set<Int>
    }

    public var kind: Kind
    public var start: Date?
    public var end: Date?
    public var timeZone: TimeZone
    public var timeZoneName: String

    /// Windows names Azure ML uses, mapped to IANA zones.
    static let windowsZones: [String: String] = [
        "UTC": "UTC", "Coordinated Universal Time": "UTC", "GMT Standard Time": "Europe/London", "Greenwich Standard Time": "Atlantic/Reykjavik",
        "W. Europe Standard Time": "Europe/Berlin", "Central Europe Standard Time": "Europe/Budapest", "Romance Standard Time": "Europe/Paris",
        "Central European Standard Time": "Europe/Warsaw", "E. Europe Standard Time": "Europe/Chisinau", "FLE Standard Time": "Europe/Kiev",
        "Russian Standard Time": "Europe/Moscow", "India Standard Time": "Asia/Kolkata", "China Standard Time": "Asia/Shanghai",
        "Singapore Standard Time": "Asia/Singapore", "Tokyo Standard Time": "Asia/Tokyo", "AUS Eastern Standard Time": "Australia/Sydney",
        "New Zealand Standard Time": "Pacific/Auckland", "Eastern Standard Time": "America/New_York", "Central Standard Time": "America/Chicago",
        "Mountain Standard Time": "America/Denver", "Pacific Standard Time": "America/Los_Angeles", "Alaskan Standard Time": "America/Anchorage",
        "Hawaiian Standard Time": "Pacific/Honolulu", "E. South America Standard Time": "America/Sao_Paulo",
    ]

    static let weekDayNames = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"]

    /// Reads a `trigger:` mapping.
    public init(_ spec: JSONValue) throws {
        timeZoneName = spec["time_zone"]?.stringValue ?? "UTC"
        guard let zone = ScheduleTrigger.windowsZones[timeZoneName].flatMap(TimeZone.init(identifier:)) ?? TimeZone(identifier: timeZoneName) else {
            throw WorkspaceError.invalidArgument("unknown time_zone '\(timeZoneName)': use a Windows time zone name such as \"UTC\", \"Pacific Standard Time\" or \"W. Europe Standard Time\"")
        }
        timeZone = zone
        start = try spec["start_time"]?.stringValue.map { try ScheduleTrigger.parseTime($0, zone) }
        end = try spec["end_time"]?.stringValue.map { try ScheduleTrigger.parseTime($0, zone) }
        switch spec["type"]?.stringValue?.lowercased() {
        case "cron":
            guard let expression = spec["expression"]?.stringValue else {
                throw WorkspaceError.invalidArgument("a cron trigger needs `expression:` (e.g. \"0 6 * * *\")")
            }
            kind = .cron(try CronExpression(expression))
        case "recurrence":
            kind = .recurrence(try ScheduleTrigger.recurrence(spec))
        default:
            throw WorkspaceError.invalidArgument("trigger.type must be cron or recurrence, got '\(spec["type"]?.compact() ?? "nothing")'")
        }
    }

    static func recurrence(_ spec: JSONValue) throws -> Recurrence {
        guard let text = spec["frequency"]?.stringValue, let frequency = Recurrence.Frequency(rawValue: text.lowercased()) else {
            throw WorkspaceError.invalidArgument("a recurrence trigger needs `frequency:` minute, hour, day, week or month")
        }
        let interval = Int(clamping: spec["interval"]?.intValue ?? 1)
        guard (1...100_000).contains(interval) else { throw WorkspaceError.invalidArgument("recurrence interval must be between 1 and 100000, got \(interval)") }
        let schedule = spec["schedule"]
        func ints(_ key: String, _ range: ClosedRange<Int>) throws -> [Int] {
            let values = (schedule?[key]?.arrayValue ?? []).map { $0.intValue.map(Int.init) }
            guard values.allSatisfy({ $0.map(range.contains) ?? false }) else {
                throw WorkspaceError.invalidArgument("recurrence schedule.\(key) must be a list of integers in \(range.lowerBound)-\(range.upperBound)")
            }
            return values.compactMap { $0 }.sorted()
        }
        var weekDays = Set<Int>()
        for day in schedule?["week_days"]?.arrayValue ?? [] {
            guard let name = day.stringValue?.lowercased(), let index = weekDayNames.firstIndex(of: name) else {
                throw WorkspaceError.invalidArgument("recurrence schedule.week_days must name days (monday ... sunday), got \(day.compact())")
            }
            weekDays.insert(index)
        }
        return Recurrence(frequency: frequency, interval: interval, hours: try ints("hours", 0...23), minutes: try ints("minutes", 0...59),
                          weekDays: weekDays, monthDays: Set(try ints("month_days", 1...31)))
    }

    /// `2026-11-21T10:00:00` (wall clock in the trigger's zone) or with an explicit offset / `Z`.
    static func parseTime(_ text: String, _ zone: TimeZone) throws -> Date {
        let iso = ISO8601DateFormatter()
        iso.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let date = iso.date(from: text) { return date }
        iso.formatOptions = [.withInternetDateTime]
        if let date = iso.date(from: text) { return date }
        let plain = DateFormatter()
        plain.locale = Locale(identifier: "en_US_POSIX")
        plain.timeZone = zone
        for format in ["yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd"] {
            plain.dateFormat = format
            if let date = plain.date(from: text) { return date }
        }
        throw WorkspaceError.invalidArgument("invalid time '\(text)': use ISO 8601, e.g. 2026-11-21T10:00:00 (in the trigger's time_zone)")
    }

    /// The monitoring frequency: a recurrence's period, else one day (the default production window).
    public var period: TimeInterval {
        guard case .recurrence(let r) = kind else { return 86400 }
        let unit: Double = [.minute: 60, .hour: 3600, .day: 86400, .week: 604800, .month: 2_592_000][r.frequency] ?? 86400
        return unit * Double(r.interval)
    }

    /// The first fire time strictly after `date` (nil after `end_time`). `created` anchors
    /// recurrences when there is no `start_time`.
    public func next(after date: Date, created: Date) -> Date? {
        let anchor = start ?? created
        let from = max(date, anchor.addingTimeInterval(-1))
        let candidate: Date?
        switch kind {
        case .cron(let cron): candidate = cron.next(after: from, in: timeZone)
        case .recurrence(let recurrence): candidate = nextRecurrence(recurrence, after: from, anchor: anchor)
        }
        guard let candidate else { return nil }
        if let end, candidate > end { return nil }
        return candidate
    }

    private func nextRecurrence(_ r: Recurrence, after date: Date, anchor: Date) -> Date? {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let hasTimes = !r.hours.isEmpty || !r.minutes.isEmpty
        switch r.frequency {
        case .minute, .hour:
            let step = Double(r.interval) * (r.frequency == .minute ? 60 : 3600)
            let k = max(0, floor(date.timeIntervalSince(anchor) / step) + 1)
            return anchor.addingTimeInterval(k * step)
        case .day, .week, .month:
            guard hasTimes || !r.weekDays.isEmpty || !r.monthDays.isEmpty else {
                let unit: Calendar.Component = r.frequency == .day ? .day : (r.frequency == .week ? .weekOfYear : .month)
                var k = 0
                while k < 100_000 {
                    guard let candidate = calendar.date(byAdding: unit, value: k * r.interval, to: anchor) else { return nil }
                    if candidate > date { return candidate }
                    k += 1
                }
                return nil
            }
            let hours = r.hours.isEmpty ? [calendar.component(.hour, from: anchor)] : r.hours
            let minutes = r.minutes.isEmpty ? [0] : r.minutes
            let anchorDay = calendar.startOfDay(for: anchor)
            var day = calendar.startOfDay(for: date)
            for _ in 0..<(366 * 5) {
                if periodMatches(r, day: day, anchorDay: anchorDay, calendar: calendar) {
                    for hour in hours {
                        for minute in minutes {
                            var parts = calendar.dateComponents([.year, .month, .day], from: day)
                            parts.hour = hour; parts.minute = minute; parts.second = 0
                            if let candidate = calendar.date(from: parts), candidate > date { return candidate }
                        }
                    }
                }
                guard let following = calendar.date(byAdding: .day, value: 1, to: day) else { return nil }
                day = following
            }
            return nil
        }
    }

    private func periodMatches(_ r: Recurrence, day: Date, anchorDay: Date, calendar: Calendar) -> Bool {
        let weekday = calendar.component(.weekday, from: day) - 1
        let dom = calendar.component(.day, from: day)
        switch r.frequency {
        case .day:
            let days = calendar.dateComponents([.day], from: anchorDay, to: day).day ?? 0
            return days >= 0 && days % r.interval == 0
        case .week:
            let days = calendar.dateComponents([.day], from: anchorDay, to: day).day ?? 0
            let inWeek = r.weekDays.isEmpty ? weekday == calendar.component(.weekday, from: anchorDay) - 1 : r.weekDays.contains(weekday)
            return days >= 0 && (days / 7) % r.interval == 0 && inWeek
        case .month:
            let months = calendar.dateComponents([.month], from: anchorDay, to: day).month ?? 0
            let inMonth = r.monthDays.isEmpty ? dom == calendar.component(.day, from: anchorDay) : r.monthDays.contains(dom)
            return months >= 0 && months % r.interval == 0 && inMonth
        case .minute, .hour:
            return true
        }
    }
}
