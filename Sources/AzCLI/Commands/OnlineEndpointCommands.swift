import Foundation
import Serving
import Workspace

/// `az ml online-endpoint create|show|list|update|delete|invoke|get-credentials|regenerate-keys`.
enum OnlineEndpointCommands {
    static let listView = TableView([
        ("Name", TableView.field("name")), ("Location", TableView.field("location")),
        ("Traffic", { TrafficRules.describe(intMap($0["traffic"])) }), ("Mirror traffic", { TrafficRules.describe(intMap($0["mirror_traffic"])) }),
        ("Provisioning state", TableView.field("provisioning_state")), ("Kind", TableView.field("kind")),
    ])
    static let local = AzOption(["--local"], "Create/use a local endpoint. Real az needs Docker for this; here every endpoint is already served on 127.0.0.1 by the local scoring host, so --local behaves like a managed endpoint.", arity: .flag)
    static let web = AzOption(["--web"], "Open the endpoint in the studio (not available in the simulator; ignored).", arity: .flag)
    static let endpointName = AzOption(["--name", "-n"], "Name of the endpoint.", required: true)

    static let specs: [AzCommandSpec] = [
        AzCommandSpec("ml online-endpoint create", "Create an online endpoint.", options: [
            AzOption.file, AzOption(["--name", "-n"], "Name of the endpoint (overrides the YAML name)."),
            AzOption(["--auth-mode"], "Authentication mode: key (default) or aml_token.", choices: ["key", "aml_token"]),
            AzOption.description, AzOption.tags, AzOption.set, AzOption.noWait, local, web,
        ], examples: ["az ml online-endpoint create -n my-endpoint", "az ml online-endpoint create -f endpoint.yml"]) { invocation in
            explainLocal(invocation)
            var overrides: [String: JSONValue] = [:]
            if let name = invocation.string("--name") { overrides["name"] = .string(name) }
            if let mode = invocation.string("--auth-mode") { overrides["auth_mode"] = .string(mode) }
            let document = try invocation.loadSpec(EntitySchema.onlineEndpoint, overrides: overrides)
            let root = document?.root ?? .object(overrides)
            let name = try root["name"]?.scalarText ?? invocation.require("--name", because: "or --file")
            let store = OnlineEndpointStore(workspace: try invocation.workspace())
            let target = try invocation.target()
            let created = try store.create(name: name, authMode: root["auth_mode"]?.stringValue, description: invocation.string("--description") ?? root["description"]?.scalarText,
                                           tags: invocation.tags() ?? root["tags"] ?? [:], in: target)
            if invocation.flag("--no-wait") {
                invocation.warn("Endpoint create request initiated. Status can be checked using `az ml online-endpoint show -n \(name.lowercased())`")
            }
            return .json(created)
        },
        AzCommandSpec("ml online-endpoint show", "Show details for an online endpoint.", options: [endpointName, local, web]) { invocation in
            .json(try OnlineEndpointStore(workspace: invocation.workspace()).show(try invocation.require("--name"), in: invocation.target()))
        },
        AzCommandSpec("ml online-endpoint list", "List the online endpoints of a workspace.", options: [local]) { invocation in
            .value(.array(try OnlineEndpointStore(workspace: invocation.workspace()).list(in: invocation.target())), table: listView)
        },
        AzCommandSpec("ml online-endpoint update", "Update an online endpoint: traffic, mirror traffic, description, tags.", options: [
            endpointName, AzOption.file,
            AzOption(["--traffic", "-r"], "Traffic split, e.g. \"blue=90 green=10\" (percentages summing to 0 or 100; pairs separated by spaces).", arity: .many),
            AzOption(["--mirror-traffic"], "Mirror traffic, e.g. \"green=10\" (one deployment, at most 50%; its responses are discarded).", arity: .many),
            AzOption.description, AzOption.tags, AzOption.set, AzOption.noWait, local, web,
        ], examples: ["az ml online-endpoint update -n my-endpoint --traffic \"blue=90 green=10\"", "az ml online-endpoint update -n my-endpoint --mirror-traffic \"green=10\""]) { invocation in
            explainLocal(invocation)
            let name = try invocation.require("--name")
            let workspace = try invocation.workspace()
            let target = try invocation.target()
            guard try workspace.database.resource(kind: "online-endpoint", scope: target.scopeKey, name: name.lowercased()) != nil else {
                throw WorkspaceError.failed("Met error <class 'ValueError'>:Endpoint does not exist.\nPlease check log by running the command with '--debug' for more details.")
            }
            let document = try invocation.loadSpec(EntitySchema.onlineEndpoint, overrides: ["name": .string(name)])
            var traffic = invocation.strings("--traffic").isEmpty ? nil : try TrafficRules.parse(invocation.strings("--traffic"))
            var mirror = invocation.strings("--mirror-traffic").isEmpty ? nil : try TrafficRules.parse(invocation.strings("--mirror-traffic"))
            if traffic == nil, let fromFile = document?.root["traffic"]?.objectValue { traffic = fromFile.mapValues { Int($0.intValue ?? 0) } }
            if mirror == nil, let fromFile = document?.root["mirror_traffic"]?.objectValue { mirror = fromFile.mapValues { Int($0.intValue ?? 0) } }
            let updated = try OnlineEndpointStore(workspace: workspace).update(name, traffic: traffic, mirror: mirror,
                                                                               description: invocation.string("--description") ?? document?.root["description"]?.scalarText,
                                                                               tags: invocation.tags() ?? document?.root["tags"], in: target)
            HostLauncher.reloadIfRunning(home: workspace.home)
            return .json(updated)
        },
        AzCommandSpec("ml online-endpoint delete", "Delete an online endpoint and all its deployments.", options: [endpointName, AzOption.yes, AzOption.noWait, local]) { invocation in
            let name = try invocation.require("--name")
            let target = try invocation.target()
            guard try confirm(invocation) else { return .nothing }
            let workspace = try invocation.workspace()
            try OnlineEndpointStore(workspace: workspace).delete(name, in: target)
            HostLauncher.reloadIfRunning(home: workspace.home)
            return .nothing
        },
        AzCommandSpec("ml online-endpoint invoke", "Send a request file to an endpoint's scoring URI and print the response.", options: [
            endpointName, AzOption(["--request-file", "-r"], "JSON file with the request body.", required: true),
            AzOption(["--deployment-name", "-d"], "Send to this deployment (header azureml-model-deployment), whatever the traffic split."), local,
        ], examples: ["az ml online-endpoint invoke -n my-endpoint --request-file sample-request.json", "az ml online-endpoint invoke -n my-endpoint -d green -r sample-request.json"]) { invocation in
            try EndpointInvoker.invoke(invocation)
        },
        AzCommandSpec("ml online-endpoint get-credentials", "Show the keys (key auth) or a token (aml_token auth) of an endpoint.", options: [endpointName]) { invocation in
            .json(try OnlineEndpointStore(workspace: invocation.workspace()).credentials(try invocation.require("--name"), in: invocation.target()))
        },
        AzCommandSpec("ml online-endpoint regenerate-keys", "Regenerate the primary or secondary key of an endpoint (the old key stops working).", options: [
            endpointName, AzOption(["--key-type"], "Which key to regenerate.", required: true, choices: ["primary", "secondary"]), AzOption.noWait,
        ]) { invocation in
            let workspace = try invocation.workspace()
            try OnlineEndpointStore(workspace: workspace).regenerateKey(try invocation.require("--name"), keyType: try invocation.require("--key-type"), in: invocation.target())
            HostLauncher.reloadIfRunning(home: workspace.home)
            return .nothing
        },
    ]

    static func intMap(_ value: JSONValue?) -> [String: Int] {
        (value?.objectValue ?? [:]).mapValues { Int($0.intValue ?? 0) }
    }

    static func explainLocal(_ invocation: AzInvocation) {
        guard invocation.flag("--local") else { return }
        if invocation.flag("--no-wait") {
            invocation.warn("\"no_wait\" and \"local\" options are mutually exclusive. Set only one option and try again.")
        }
        invocation.warn("--local: real az runs the deployment in a local Docker container. Here every endpoint is served by the local scoring host on 127.0.0.1, so --local behaves like a managed endpoint (with auth and traffic).")
    }

    static func confirm(_ invocation: AzInvocation) throws -> Bool {
        if invocation.flag("--yes") { return true }
        switch invocation.environment.console.readLine(prompt: "Are you sure you want to perform this operation? (y/n): ") {
        case .line(let text) where text.lowercased().hasPrefix("y"): return true
        case .line, .interrupted: return false
        case .endOfInput: throw AzUsageError.usage("Unable to prompt for confirmation as no tty available. Use --yes.")
        }
    }
}
