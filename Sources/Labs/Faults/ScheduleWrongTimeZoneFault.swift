import Foundation

/// A cron schedule's time zone is changed: the expression is now read in another zone, so the job fires
/// hours away from the intended time (`0 6 * * *` in Pacific Standard Time fires at 14:00 UTC in November),
/// for example after the upstream data it needs, or in the middle of the business day.
struct ScheduleWrongTimeZoneFault: FaultKind {
    let name = "schedule-wrong-timezone"
    let summary = "A cron schedule YAML's trigger.time_zone is set to another zone (inserted when absent): the same expression now fires hours away from the intended time on the simulated clock."
    let parameters = [
        FaultParameter("file", "the schedule YAML (trigger.type cron)"),
        FaultParameter("time_zone", "the wrong zone, a Windows time zone name such as `Pacific Standard Time`"),
    ] + FollowUpCommands.parameters

    func apply(_ arguments: FaultArguments, to sandbox: LabSandbox) throws {
        let file = try arguments.string("file")
        let zone = try arguments.string("time_zone")
        let quoted = "\"\(zone.replacingOccurrences(of: "\"", with: ""))\""
        do {
            try sandbox.setYAMLScalar(in: file, path: "trigger.time_zone", to: quoted)
        } catch {
            // No time_zone line yet: add one under the cron expression, with its indentation.
            let text = try sandbox.read(file)
            var lines = text.components(separatedBy: "\n")
            guard let index = lines.firstIndex(where: { $0.trimmingCharacters(in: .whitespaces).hasPrefix("expression:") }) else {
                throw LabError.failed("fault \(name): \(file) has no trigger.time_zone and no cron expression line to add it under")
            }
            let indent = String(lines[index].prefix { $0 == " " })
            lines.insert("\(indent)time_zone: \(quoted)", at: index + 1)
            try sandbox.write(file, lines.joined(separator: "\n"))
        }
        try FollowUpCommands.run(arguments, in: sandbox)
    }
}
