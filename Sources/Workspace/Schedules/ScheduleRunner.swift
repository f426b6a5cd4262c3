import Foundation
import Jobs

/// Evaluates schedules on the simulated clock: moving the clock forward runs every trigger that
/// falls due on the way, in time order, with the clock set to each trigger's time while its job
/// runs (through the Jobs engine, as `az ml job create` does).
public struct ScheduleRunner: Sendable {
    let workspace: Workspace

    public init(workspace: Workspace) { self.workspace = workspace }

    /// One trigger that fired.
    public struct Firing: Sendable, Equatable {
        public var schedule: String
        public var workspace: String
        public var time: Date
        public var job: String?
        public var status: String
        public var error: String?
    }

    /// Every workspace in the state home.
    func targets() throws -> [WorkspaceTarget] {
        var result: [WorkspaceTarget] = []
        for group in try workspace.database.resources(kind: "group", scope: Workspace.subscriptionId) {
            for record in try workspace.database.resources(kind: "workspace", scope: group.name) {
                let location = JSONValue.parse(record.body)?["location"]?.stringValue ?? Workspace.defaultLocation
                result.append(WorkspaceTarget(subscriptionId: Workspace.subscriptionId, resourceGroup: group.name, workspaceName: record.name, location: location))
            }
        }
        return result
    }

    /// Moves the clock forward by `seconds`, firing due schedules on the way; returns the new time and the firings.
    public func advanceClock(by seconds: TimeInterval, pathGuardRoots: [URL] = []) throws -> (now: Date, fired: [Firing]) {
        guard seconds > 0 else { throw WorkspaceError.invalidArgument("the clock only moves forward: give a positive duration such as 3h or 7d") }
        let end = try workspace.clock.now().addingTimeInterval(seconds)
        var fired: [Firing] = []
        while let (target, stored, time) = try nextDue(before: end) {
            let gap = time.timeIntervalSince(try workspace.clock.now())
            if gap > 0 { try workspace.clock.advance(by: gap) }
            fired.append(try fire(stored, in: target, at: time, roots: pathGuardRoots))
        }
        let rest = end.timeIntervalSince(try workspace.clock.now())
        if rest > 0 { try workspace.clock.advance(by: rest) }
        return (try workspace.clock.now(), fired)
    }

    /// The earliest enabled schedule due at or before `end`.
    func nextDue(before end: Date) throws -> (WorkspaceTarget, ScheduleStore.Stored, Date)? {
        var best: (WorkspaceTarget, ScheduleStore.Stored, Date)?
        for target in try targets() {
            for stored in try ScheduleStore(workspace: workspace, target: target).list() {
                guard let next = stored.nextFire, next <= end else { continue }
                if best == nil || next < (best?.2 ?? next) { best = (target, stored, next) }
            }
        }
        return best
    }

    /// Runs one schedule's job now (also `az ml schedule trigger`) and moves its next fire time on.
    public func fire(_ stored: ScheduleStore.Stored, in target: WorkspaceTarget, at time: Date, roots: [URL] = []) throws -> Firing {
        let name = stored.entity["name"]?.stringValue ?? ""
        let store = ScheduleStore(workspace: workspace, target: target)
        let next = stored.trigger.next(after: time, created: stored.created)
        try store.save(entity: stored.entity, jobFile: stored.jobFile, created: stored.created, nextFire: next, isNew: false)
        if let monitor = stored.entity["create_monitor"] {
            do {
                let run = try MonitorRunner(workspace: workspace, target: target).run(
                    name: name, spec: try MonitorSpec(monitor), defaultWindow: stored.trigger.period, folder: stored.jobFile, at: time)
                return Firing(schedule: name, workspace: target.workspaceName, time: time, job: run["name"]?.stringValue,
                              status: run["status"]?.stringValue ?? "Completed", error: nil)
            } catch let error as WorkspaceError {
                return Firing(schedule: name, workspace: target.workspaceName, time: time, job: nil, status: "Failed", error: error.message)
            }
        }
        let stamp = ScheduleRunner.stamp(time)
        let patches = [
            JSONPatch(path: ["display_name"], value: .string("\(name)-\(stamp)")),
            JSONPatch(path: ["tags", "azureml.schedule"], value: .string(name)),
            JSONPatch(path: ["tags", "azureml.scheduled_time"], value: .string(SimulatedClock.isoString(time))),
        ]
        let folder = stored.jobFile.deletingLastPathComponent()
        let guardRoots = PathGuard(roots: roots + [folder, workspace.home])
        do {
            let submitted = try JobService(workspace: workspace, target: target).submit(
                file: stored.jobFile, nameOverride: nil, patches: patches, workingFolder: folder, pathGuard: guardRoots)
            return Firing(schedule: name, workspace: target.workspaceName, time: time, job: submitted.entity["name"]?.stringValue,
                          status: submitted.status.rawValue, error: submitted.error?.message)
        } catch let error as WorkspaceError {
            return Firing(schedule: name, workspace: target.workspaceName, time: time, job: nil, status: "NotStarted", error: error.message)
        } catch {
            return Firing(schedule: name, workspace: target.workspaceName, time: time, job: nil, status: "NotStarted", error: String(describing: error))
        }
    }

    static func stamp(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMddHHmm"
        return formatter.string(from: date)
    }
}
