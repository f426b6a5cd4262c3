import ArgumentParser
import CLICore
import Foundation
import Workspace

/// `mlopslab clock show|advance`: the simulated clock that cost and schedules use.
public struct ClockCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "clock",
        abstract: "Show or move the simulated clock (cost, idle scale-down and schedules run on it).",
        subcommands: [Show.self, Advance.self],
        defaultSubcommand: Show.self
    )

    public init() {}

    /// `mlopslab clock show`.
    public struct Show: ParsableCommand {
        public static let configuration = CommandConfiguration(commandName: "show", abstract: "Print the simulated time and how far it runs ahead of real time.")
        public init() {}
        public func run() throws {
            let context = CommandContext.active
            let workspace = try Workspace(home: context.home.url)
            let offset = try workspace.clock.offset()
            context.console.line("Simulated time: \(SimulatedClock.isoString(try workspace.clock.now()))")
            context.console.line("Ahead of real time by: \(ClockCommand.describe(offset))")
        }
    }

    /// `mlopslab clock advance 3h`.
    public struct Advance: ParsableCommand {
        public static let configuration = CommandConfiguration(commandName: "advance", abstract: "Move the simulated clock forward, e.g. 90m, 3h, 7d, or --to 00:00 (the next time the UTC clock shows it).")
        @Argument(help: "How far: a number with s, m, h, d or w (e.g. 3h, 7d).")
        var duration: String?
        @Option(help: "Advance to the next time the simulated UTC clock shows HH:MM (e.g. 00:00 for the next midnight).")
        var to: String?
        public init() {}
        public func validate() throws {
            guard (duration == nil) != (to == nil) else { throw ValidationError("give either a duration (e.g. 3h) or --to HH:MM") }
        }
        public func run() throws {
            let context = CommandContext.active
            let workspace = try Workspace(home: context.home.url)
            let seconds: TimeInterval
            if let to {
                seconds = try ClockCommand.secondsUntil(to, from: try workspace.clock.now())
            } else {
                seconds = try SimulatedClock.parseDuration(duration ?? "")
            }
            let (now, fired) = try ScheduleRunner(workspace: workspace).advanceClock(by: seconds)
            for firing in fired { context.console.line("\(SimulatedClock.isoString(firing.time)) schedule \(firing.schedule): job \(firing.job ?? "not started") \(firing.status)\(firing.error.map { " (\($0))" } ?? "")") }
            context.console.line("Advanced the clock by \(ClockCommand.describe(seconds)); simulated time is now \(SimulatedClock.isoString(now)).")
        }
    }

    /// Seconds from `now` to the next moment the UTC clock shows `text` (HH:MM), strictly after `now`.
    static func secondsUntil(_ text: String, from now: Date) throws -> TimeInterval {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, let hour = Int(parts[0]), let minute = Int(parts[1]), (0..<24).contains(hour), (0..<60).contains(minute) else {
            throw ValidationError("--to takes a UTC time of day HH:MM, e.g. 00:00 or 06:30 (got '\(text)')")
        }
        let seconds = now.timeIntervalSince1970
        let dayStart = (seconds / 86400).rounded(.down) * 86400
        var next = dayStart + Double(hour * 3600 + minute * 60)
        if next <= seconds { next += 86400 }
        return next - seconds
    }

    static func describe(_ seconds: TimeInterval) -> String {
        let total = Int(seconds)
        let days = total / 86400, hours = (total % 86400) / 3600, minutes = (total % 3600) / 60
        var parts: [String] = []
        if days > 0 { parts.append("\(days)d") }
        if hours > 0 { parts.append("\(hours)h") }
        if minutes > 0 || parts.isEmpty { parts.append("\(minutes)m") }
        return parts.joined(separator: " ")
    }
}
