import Foundation
import Workspace

/// `az ml component create` plus the shared asset commands.
enum ComponentCommands {
    static let specs: [AzCommandSpec] = [
        AzCommandSpec("ml component create", "Create a component.", options: [
            AzOption(["--file", "-f"], "Local path to the YAML file containing the component specification.", required: true),
            AzOption.name, AzOption.version, AzOption.set, AzOption.registry, AzOption.skipValidation,
        ]) { invocation in
            var overrides: [String: JSONValue] = [:]
            if let name = invocation.string("--name") { overrides["name"] = .string(name) }
            if let version = invocation.string("--version") { overrides["version"] = .string(version) }
            guard let document = try invocation.loadSpec(EntitySchema.component, overrides: overrides) else {
                throw AzUsageError.missingRequired(["--file/-f"])
            }
            return .json(try AssetStore(workspace: invocation.workspace()).createComponent(
                document, pathGuard: invocation.pathGuard(specFolder: document.folder), in: invocation.target()))
        },
    ] + AssetCommands.specs(.component, group: "component")
}
