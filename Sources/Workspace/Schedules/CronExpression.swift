import Foundation

/// A five-field cron expression (`MINUTES HOURS DAYS MONTHS DAYS-OF-WEEK`) as Azure ML schedules
/// accept it: `*`, lists (`1,15`), ranges (`1-5`) and steps (`*/15`, `0-30/10`); day of week 0-6
/// with 0 = Sunday (7 is also Sunday). When both days and days-of-week are restricted, either matches.
public struct CronExpression: Sendable, Equatable {
    public let text: String
    let minutes: Set<Int>
    let hours: Set<Int>
    let days: Set<Int>
    let months: Set<Int>
    let weekdays: Set<Int>
    let daysRestricted: Bool
    let weekdaysRestricted: Bool

    public init(_ text: String) throws {
        let fields = text.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        guard fields.count == 5 else {
            throw WorkspaceError.invalidArgument("invalid cron expression '\(text)': it needs 5 fields, MINUTES HOURS DAYS MONTHS DAYS-OF-WEEK (e.g. \"0 6 * * *\" for 06:00 every day)")
        }
        self.text = text
        minutes = try CronExpression.field(fields[0], 0...59, "minutes", text)
        hours = try CronExpression.field(fields[1], 0...23, "hours", text)
        days = try CronExpression.field(fields[2], 1...31, "days", text)
        months = try CronExpression.field(fields[3], 1...12, "months", text)
        weekdays = Set(try CronExpression.field(fields[4], 0...7, "days of week", text).map { $0 % 7 })
        daysRestricted = fields[2] != "*"
        weekdaysRestricted = fields[4] != "*"
    }

    static func field(_ text: String, _ range: ClosedRange<Int>, _ name: String, _ whole: String) throws -> Set<Int> {
        var values = Set<Int>()
        for part in text.split(separator: ",").map(String.init) {
            let pieces = part.split(separator: "/", maxSplits: 1).map(String.init)
            var step = 1
            if pieces.count == 2 {
                guard let parsed = Int(pieces[1]), parsed > 0 else { throw bad(part, name, range, whole) }
                step = parsed
            }
            let span: ClosedRange<Int>
            if pieces.first == "*" {
                span = range
            } else if let dash = pieces.first?.firstIndex(of: "-"), let first = pieces.first {
                guard let low = Int(first[..<dash]), let high = Int(first[first.index(after: dash)...]), low <= high,
                      range.contains(low), range.contains(high) else { throw bad(part, name, range, whole) }
                span = low...high
            } else {
                guard let value = pieces.first.flatMap(Int.init), range.contains(value) else { throw bad(part, name, range, whole) }
                span = pieces.count == 2 ? value...range.upperBound : value...value
            }
            values.formUnion(stride(from: span.lowerBound, through: span.upperBound, by: step))
        }
        return values
    }

    static func bad(_ part: String, _ name: String, _ range: ClosedRange<Int>, _ whole: String) -> WorkspaceError {
        .invalidArgument("invalid cron expression '\(whole)': '\(part)' is not a valid \(name) field (values \(range.lowerBound)-\(range.upperBound), *, lists, ranges and /steps)")
    }

    /// The first time strictly after `date` that matches, read on the wall clock of `timeZone`.
    public func next(after date: Date, in timeZone: TimeZone) -> Date? {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let sortedHours = hours.sorted(), sortedMinutes = minutes.sorted()
        var day = calendar.startOfDay(for: date)
        for _ in 0..<(366 * 5) {
            let parts = calendar.dateComponents([.year, .month, .day, .weekday], from: day)
            if let month = parts.month, let dom = parts.day, let weekday = parts.weekday, months.contains(month), dayMatches(dom, weekday - 1) {
                for hour in sortedHours {
                    for minute in sortedMinutes {
                        var wanted = parts
                        wanted.hour = hour; wanted.minute = minute; wanted.second = 0; wanted.weekday = nil
                        if let candidate = calendar.date(from: wanted), candidate > date,
                           calendar.component(.hour, from: candidate) == hour { return candidate }
                    }
                }
            }
            guard let following = calendar.date(byAdding: .day, value: 1, to: day) else { return nil }
            day = following
        }
        return nil
    }

    private func dayMatches(_ dom: Int, _ weekday: Int) -> Bool {
        switch (daysRestricted, weekdaysRestricted) {
        case (true, true): return days.contains(dom) || weekdays.contains(weekday)
        case (true, false): return days.contains(dom)
        case (false, true): return weekdays.contains(weekday)
        case (false, false): return true
        }
    }
}
