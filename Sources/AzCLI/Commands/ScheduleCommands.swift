import CLICore
import Foundation
import Workspace

/// `az ml schedule create|show|list|enable|disable|trigger|delete`: job schedules evaluated on the
/// simulated clock (`mlopslab clock advance` fires them; see docs/monitoring.md).
enum ScheduleCommands {
    static let listView = TableView([
        ("Name", TableView.field("name")), ("Description", TableView.field("description")),
        ("Is enabled", TableView.field("is_enabled")), ("Provisioning state", TableView.field("provisioning_state")),
    ])

    static func store(_ invocation: AzInvocation) throws -> ScheduleStore {
        ScheduleStore(workspace: try invocation.workspace(), target: try invocation.target())
    }

    /// The entity plus the simulator's next fire time.
    static func shown(_ stored: ScheduleStore.Stored) -> JSONValue {
        stored.entity.setting("next_run_time", stored.nextFire.map { .string(SimulatedClock.isoString($0)) } ?? .null)
    }

    static let specs: [AzCommandSpec] = [
        AzCommandSpec("ml schedule create", "Create a schedule (cron or recurrence, on the simulated clock).", options: [
            AzOption(["--file", "-f"], "Local path to the schedule YAML.", required: true), AzOption.name, AzOption.set, AzOption.noWait,
        ], examples: ["az ml schedule create -f daily-retrain.yml"]) { invocation in
            let file = invocation.localURL(try invocation.require("--file"))
            var root = try YAMLDocument.load(file, entity: "Schedule").root
            for text in invocation.strings("--set") { root = try JSONPatch.parse(text).apply(to: root) }
            if let name = invocation.string("--name") { root = root.setting("name", .string(name)) }
            let entity = try store(invocation).create(root, folder: file.deletingLastPathComponent(), pathGuard: invocation.pathGuard(specFolder: file.deletingLastPathComponent()))
            return .json(shown(try store(invocation).find(entity["name"]?.stringValue ?? "")))
        },
        AzCommandSpec("ml schedule show", "Show a schedule (with its next run time on the simulated clock).", options: [AzOption.name(required: true)]) { invocation in
            .json(shown(try store(invocation).find(try invocation.require("--name"))))
        },
        AzCommandSpec("ml schedule list", "List schedules.", options: [
            AzOption.maxResults, AzOption(["--include-disabled"], "Also list disabled schedules.", arity: .flag),
            AzOption(["--disabled-only"], "List only disabled schedules.", arity: .flag),
        ]) { invocation in
            var items = try store(invocation).list(includeDisabled: invocation.flag("--include-disabled"), disabledOnly: invocation.flag("--disabled-only")).map(shown)
            if let limit = try invocation.int("--max-results") { items = Array(items.prefix(max(0, limit))) }
            return .value(.array(items), table: listView)
        },
        AzCommandSpec("ml schedule enable", "Enable a schedule.", options: [AzOption.name(required: true), AzOption.noWait]) { invocation in
            .json(try store(invocation).setEnabled(try invocation.require("--name"), true))
        },
        AzCommandSpec("ml schedule disable", "Disable a schedule.", options: [AzOption.name(required: true), AzOption.noWait]) { invocation in
            .json(try store(invocation).setEnabled(try invocation.require("--name"), false))
        },
        AzCommandSpec("ml schedule trigger", "Run a schedule's job now.", options: [AzOption.name(required: true)]) { invocation in
            let workspace = try invocation.workspace()
            let target = try invocation.target()
            let stored = try ScheduleStore(workspace: workspace, target: target).find(try invocation.require("--name"))
            let firing = try ScheduleRunner(workspace: workspace).fire(stored, in: target, at: try workspace.clock.now(), roots: [invocation.workingFolder])
            if let error = firing.error, firing.job == nil { throw WorkspaceError.failed(error) }
            return .json(["job_name": firing.job.map(JSONValue.string) ?? .null, "schedule_name": .string(firing.schedule), "status": .string(firing.status),
                          "triggered_at": .string(SimulatedClock.isoString(firing.time))])
        },
        AzCommandSpec("ml schedule delete", "Delete a schedule.", options: [AzOption.name(required: true), AzOption.yes, AzOption.noWait]) { invocation in
            try store(invocation).delete(try invocation.require("--name"))
            return .nothing
        },
    ]
}
