import ArgumentParser
import CLICore
import Foundation
import Workspace

/// `mlopslab lineage model:NAME:VERSION`: where a model (or data version, or job) came from.
public struct LineageCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "lineage",
        abstract: "Show the lineage of a model version, data version or job as a tree (job, data versions, environment, code hash, compute)."
    )

    @Argument(help: "What to trace: model:NAME:VERSION, model:NAME (latest), data:NAME:VERSION, job:NAME or deployment:ENDPOINT:NAME (an online deployment).")
    var subject: String

    @Option(name: .customLong("registry-name"), help: "Look the model or data up in this registry instead of the workspace.")
    var registryName: String?

    @Option(name: [.customShort("g"), .customLong("resource-group")], help: "Resource group (default: the configured one).")
    var resourceGroup: String?

    @Option(name: [.customShort("w"), .customLong("workspace-name")], help: "Workspace (default: the configured one).")
    var workspaceName: String?

    public init() {}

    public func run() throws {
        let context = CommandContext.active
        let workspace = try Workspace(home: context.home.url)
        let target = try registryName.map { try workspace.registryTarget($0) } ?? workspace.target(group: resourceGroup, workspace: workspaceName)
        context.console.write(try LineageGraph(workspace: workspace, target: target).tree(for: subject).rendered())
    }
}
