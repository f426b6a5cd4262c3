import Foundation
import Workspace

/// `az ml environment create` plus the shared asset commands; curated environments are built in.
enum EnvironmentCommands {
    /// The curated environment for `show -n AzureML-sklearn-1.5` (or in registry azureml), if that is what was asked.
    static func curated(name: String, version: String?, label: String?, invocation: AzInvocation) throws -> JSONValue? {
        let registry = invocation.string("--registry-name")
        guard registry == "azureml" || (registry == nil && name.hasPrefix("AzureML-")), let curated = CuratedEnvironments.find(name) else { return nil }
        if let version, version != curated.version {
            throw WorkspaceError.notFound(kind: "Environment", name: name, version: version, scope: "registry azureml (curated; latest is \(curated.version))")
        }
        if let label, label != "latest" {
            throw WorkspaceError.notFound(kind: "Environment", name: name, version: "@\(label)", scope: "registry azureml (curated environments only have @latest)")
        }
        return CuratedEnvironments.entity(curated, registryStyle: registry == "azureml")
    }

    /// Curated environments for `list`, consistent with `show`: every one with `--registry-name azureml` (registry
    /// names, `sklearn-1.5`), or one with `-n AzureML-sklearn-1.5` in a workspace. Nil when the listing is not of
    /// curated environments.
    static func curatedList(name: String?, invocation: AzInvocation) -> [JSONValue]? {
        let registry = invocation.string("--registry-name")
        if registry == Workspace.builtInRegistry {
            let chosen = name.map { wanted in CuratedEnvironments.all.filter { $0 == CuratedEnvironments.find(wanted) } } ?? CuratedEnvironments.all
            return chosen.map { curated in
                let entity = CuratedEnvironments.entity(curated, registryStyle: true)
                return name == nil ? entity.setting("latest version", .string(curated.version)) : entity
            }
        }
        guard registry == nil, let name, name.hasPrefix("AzureML-") else { return nil }
        return CuratedEnvironments.find(name).map { [CuratedEnvironments.entity($0, registryStyle: false)] } ?? []
    }

    static let specs: [AzCommandSpec] = [
        AzCommandSpec("ml environment create", "Create an environment.", options: [
            AzOption.file, AzOption.name, AzOption.version,
            AzOption(["--image", "-i"], "Docker image (mutually exclusive with --build-context)."),
            AzOption(["--conda-file", "-c"], "Local path to a conda specification file (needs --image)."),
            AzOption(["--build-context", "-b"], "Local folder to use as the Docker build context."),
            AzOption(["--dockerfile-path"], "Path of the Dockerfile inside the build context (default ./Dockerfile)."),
            AzOption(["--os-type"], "Operating system type.", choices: ["linux", "windows"]),
            AzOption.description, AzOption.tags, AzOption.set, AzOption.registry, AzOption(["--datastore"], "Datastore for uploads."),
        ], examples: ["az ml environment create --name my-env --image mcr.microsoft.com/azureml/openmpi4.1.0-ubuntu22.04 --conda-file conda.yml"]) { invocation in
            var overrides: [String: JSONValue] = [:]
            for (flag, key) in [("--name", "name"), ("--version", "version"), ("--image", "image"), ("--conda-file", "conda_file"),
                                ("--description", "description"), ("--os-type", "os_type")] {
                if let value = invocation.string(flag) { overrides[key] = .string(value) }
            }
            if let context = invocation.string("--build-context") {
                var build: [String: JSONValue] = ["path": .string(context)]
                if let dockerfile = invocation.string("--dockerfile-path") { build["dockerfile_path"] = .string(dockerfile) }
                overrides["build"] = .object(build)
            }
            if let tags = invocation.tags() { overrides["tags"] = tags }
            let request: EnvironmentRequest
            if let document = try invocation.loadSpec(EntitySchema.environment, overrides: overrides) {
                request = try EnvironmentRequest(document: document)
            } else {
                request = EnvironmentRequest(name: try invocation.require("--name", because: "or --file"), version: invocation.string("--version"),
                                             image: invocation.string("--image"), condaFile: invocation.string("--conda-file").map(JSONValue.string),
                                             buildContext: invocation.string("--build-context"), dockerfilePath: invocation.string("--dockerfile-path"),
                                             osType: invocation.string("--os-type"), description: invocation.string("--description"),
                                             tags: invocation.tags() ?? [:], folder: invocation.workingFolder)
            }
            let guardRoots = invocation.pathGuard(specFolder: invocation.string("--file") == nil ? nil : request.folder)
            return .json(try AssetStore(workspace: invocation.workspace()).createEnvironment(request, pathGuard: guardRoots, in: invocation.target()))
        },
    ] + AssetCommands.specs(.environment, group: "environment")
}
