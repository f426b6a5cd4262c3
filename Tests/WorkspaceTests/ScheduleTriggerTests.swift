import Foundation
import Testing
@testable import Workspace

@Suite struct ScheduleTriggerTests {
    static func utc(_ text: String) -> Date {
        let f = ISO8601DateFormatter()
        return f.date(from: text) ?? Date.distantPast
    }

    @Test func cronFiresAtTheNextMatchingMinuteInUTC() throws {
        let trigger = try ScheduleTrigger(["type": "cron", "expression": "30 6 * * *"])
        let from = Self.utc("2026-11-21T07:00:00Z")
        #expect(trigger.next(after: from, created: from) == Self.utc("2026-11-22T06:30:00Z"))
        let again = try ScheduleTrigger(["type": "cron", "expression": "*/15 * * * *"])
        #expect(again.next(after: Self.utc("2026-11-21T07:01:00Z"), created: from) == Self.utc("2026-11-21T07:15:00Z"))
    }

    @Test func cronDayOfWeekAndListsWork() throws {
        // 2026-11-21 is a Saturday; "0 9 * * 1-5" is 09:00 on weekdays, so Monday the 23rd.
        let trigger = try ScheduleTrigger(["type": "cron", "expression": "0 9,17 * * 1-5"])
        let from = Self.utc("2026-11-21T10:00:00Z")
        #expect(trigger.next(after: from, created: from) == Self.utc("2026-11-23T09:00:00Z"))
        #expect(trigger.next(after: Self.utc("2026-11-23T09:00:00Z"), created: from) == Self.utc("2026-11-23T17:00:00Z"))
    }

    @Test func aTimeZoneShiftsTheHourItFiresAt() throws {
        // 06:00 in Pacific Standard Time (UTC-8 in November) is 14:00 UTC: a learner who meant UTC sees it fire 8 hours late.
        let trigger = try ScheduleTrigger(["type": "cron", "expression": "0 6 * * *", "time_zone": "Pacific Standard Time"])
        let from = Self.utc("2026-11-21T07:00:00Z")
        #expect(trigger.next(after: from, created: from) == Self.utc("2026-11-21T14:00:00Z"))
        let tokyo = try ScheduleTrigger(["type": "cron", "expression": "0 6 * * *", "time_zone": "Tokyo Standard Time"])
        #expect(tokyo.next(after: from, created: from) == Self.utc("2026-11-21T21:00:00Z"))
    }

    @Test func recurrenceEveryTwoDaysAtSetHours() throws {
        let trigger = try ScheduleTrigger([
            "type": "recurrence", "frequency": "day", "interval": 2, "start_time": "2026-11-20T00:00:00",
            "schedule": ["hours": [4, 20], "minutes": [15]],
        ])
        let created = Self.utc("2026-11-19T00:00:00Z")
        #expect(trigger.next(after: Self.utc("2026-11-20T05:00:00Z"), created: created) == Self.utc("2026-11-20T20:15:00Z"))
        #expect(trigger.next(after: Self.utc("2026-11-20T20:15:00Z"), created: created) == Self.utc("2026-11-22T04:15:00Z"))
    }

    @Test func recurrenceWeeklyOnNamedDaysAndHourly() throws {
        let weekly = try ScheduleTrigger([
            "type": "recurrence", "frequency": "week", "interval": 1, "start_time": "2026-11-16T00:00:00",
            "schedule": ["hours": [8], "minutes": [0], "week_days": ["monday", "thursday"]],
        ])
        let created = Self.utc("2026-11-16T00:00:00Z")
        #expect(weekly.next(after: Self.utc("2026-11-21T00:00:00Z"), created: created) == Self.utc("2026-11-23T08:00:00Z"))
        let hourly = try ScheduleTrigger(["type": "recurrence", "frequency": "hour", "interval": 3, "start_time": "2026-11-21T01:00:00Z"])
        #expect(hourly.next(after: Self.utc("2026-11-21T05:00:00Z"), created: created) == Self.utc("2026-11-21T07:00:00Z"))
    }

    @Test func badTriggersAreClearErrors() throws {
        #expect(throws: WorkspaceError.self) { try ScheduleTrigger(["type": "cron", "expression": "0 25 * * *"]) }
        #expect(throws: WorkspaceError.self) { try ScheduleTrigger(["type": "cron", "expression": "0 6 * *"]) }
        #expect(throws: WorkspaceError.self) { try ScheduleTrigger(["type": "cron", "expression": "0 6 * * *", "time_zone": "Mars Standard Time"]) }
        #expect(throws: WorkspaceError.self) { try ScheduleTrigger(["type": "recurrence", "frequency": "fortnight"]) }
        let endTime = try ScheduleTrigger(["type": "cron", "expression": "0 6 * * *", "end_time": "2026-11-21T00:00:00Z"])
        #expect(endTime.next(after: Self.utc("2026-11-21T07:00:00Z"), created: Self.utc("2026-11-01T00:00:00Z")) == nil)
    }
}

@Suite struct ScheduleRunnerTests {
    @Test func advancingTheClockRunsEveryDueTriggerInOrderAsRealJobs() throws {
        let sandbox = try WorkspaceSandbox()
        try sandbox.write("job.yml", "command: echo scheduled-run\nenvironment:\n  image: python\n")
        let store = ScheduleStore(workspace: sandbox.workspace, target: sandbox.target)
        _ = try store.create(["name": "every-6h", "trigger": ["type": "recurrence", "frequency": "hour", "interval": 6], "create_job": "job.yml"],
                             folder: sandbox.work, pathGuard: sandbox.pathGuard)
        let start = try sandbox.workspace.clock.now()
        let (now, fired) = try ScheduleRunner(workspace: sandbox.workspace).advanceClock(by: 86400 + 60)
        #expect(fired.count == 4)
        #expect(fired.map(\.status) == Array(repeating: "Completed", count: 4))
        let gaps = zip(fired.dropFirst(), fired).map { $0.time.timeIntervalSince($1.time) }
        #expect(gaps.allSatisfy { abs($0 - 21600) < 1 })
        #expect(abs(now.timeIntervalSince(start) - 86460) < 5)
        let jobs = try JobRecords(workspace: sandbox.workspace, target: sandbox.target).list(parent: nil, filter: .activeOnly, limit: nil)
        #expect(jobs.count == 4)
        #expect(jobs.allSatisfy { $0["tags"]?["azureml.schedule"]?.stringValue == "every-6h" })
        _ = try store.setEnabled("every-6h", false)
        #expect(try ScheduleRunner(workspace: sandbox.workspace).advanceClock(by: 86400).fired.isEmpty)
    }
}
