import Foundation

/// Command lines a fault runs after changing a working file, so the workspace matches the file:
/// `then` (each must succeed, e.g. re-registering a data folder or updating a deployment) and
/// `attempt` (run for the failure they show, e.g. the deployment create that the fault makes fail).
enum FollowUpCommands {
    static let parameters = [
        FaultParameter("then", required: false, "command lines run after the change so the workspace matches it (re-registering a folder, updating a deployment from its YAML); each must succeed"),
        FaultParameter("attempt", required: false, "command lines run after `then` whose failure is expected and ignored (the attempt that shows the break)"),
    ]

    static func run(_ arguments: FaultArguments, in sandbox: LabSandbox) throws {
        if arguments.values["then"] != nil {
            for line in try arguments.strings("then") { try sandbox.mustRun(line) }
        }
        if arguments.values["attempt"] != nil {
            for line in try arguments.strings("attempt") { _ = try sandbox.run(line) }
        }
    }
}
