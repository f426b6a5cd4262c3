import Foundation
import Workspace

/// `az ml compute create|show|list|start|stop|update|delete|list-sizes`.
enum ComputeCommands {
    static let listView = TableView([
        ("Name", TableView.field("name")), ("Compute type", TableView.field("type")),
        ("State", { $0["state"]?.stringValue ?? $0["provisioning_state"]?.stringValue ?? "" }),
        ("Instance type", TableView.field("size")),
    ])

    static let specs: [AzCommandSpec] = [
        AzCommandSpec("ml compute create", "Create a compute target (AmlCompute cluster or compute instance).", options: [
            AzOption.file, AzOption.name,
            AzOption(["--type", "-t"], "Type of compute.", choices: ["AmlCompute", "ComputeInstance", "amlcompute", "computeinstance"]),
            AzOption(["--size"], "VM size, e.g. STANDARD_DS3_V2 (see `az ml compute list-sizes`)."),
            AzOption(["--min-instances"], "Minimum number of nodes (AmlCompute, default 0). Nodes above 0 are billed even when idle."),
            AzOption(["--max-instances"], "Maximum number of nodes (AmlCompute, default 4)."),
            AzOption(["--idle-time-before-scale-down"], "Seconds an idle node waits before scale-down (AmlCompute, default 120)."),
            AzOption(["--tier"], "VM priority tier (AmlCompute).", choices: ["dedicated", "low_priority"]),
            AzOption(["--location"], "Location of the compute."),
            AzOption(["--identity-type"], "Managed identity of the compute.", choices: ["SystemAssigned", "UserAssigned", "SystemAssigned,UserAssigned", "None"]),
            AzOption(["--user-assigned-identities", "-i"], "Resource ids of user-assigned identities, comma-separated."),
            AzOption.description, AzOption.tags, AzOption.set, AzOption.noWait,
        ], examples: ["az ml compute create --name cpu-cluster --type amlcompute --min-instances 0 --max-instances 2"]) { invocation in
            let target = try invocation.target()
            var overrides: [String: JSONValue] = [:]
            if let name = invocation.string("--name") { overrides["name"] = .string(name) }
            if let type = invocation.string("--type") { overrides["type"] = .string(type.lowercased()) }
            let request: ComputeRequest
            if let document = try invocation.loadSpec(EntitySchema.compute, overrides: overrides) {
                request = try ComputeRequest(document: document)
            } else {
                request = ComputeRequest(
                    name: try invocation.require("--name", because: "or --file"), type: try invocation.require("--type", because: "or --file"),
                    size: invocation.string("--size"), minInstances: try invocation.int("--min-instances"), maxInstances: try invocation.int("--max-instances"),
                    idleSeconds: try invocation.int("--idle-time-before-scale-down"), tier: invocation.string("--tier"),
                    description: invocation.string("--description"), location: invocation.string("--location"), tags: invocation.tags() ?? [:],
                    identity: try ComputeRequest.identity(type: invocation.string("--identity-type"), userAssigned: invocation.strings("--user-assigned-identities")))
            }
            return .json(try ComputeStore(workspace: invocation.workspace()).create(request, in: target))
        },
        AzCommandSpec("ml compute show", "Show details for a compute target.", options: [AzOption.name(required: true)]) { invocation in
            .json(try ComputeStore(workspace: invocation.workspace()).show(try invocation.require("--name"), in: invocation.target()))
        },
        AzCommandSpec("ml compute list", "List the compute targets in a workspace.", options: [
            AzOption(["--type", "-t"], "Only computes of this type.", choices: ["AmlCompute", "ComputeInstance", "amlcompute", "computeinstance"]),
            AzOption.maxResults,
        ]) { invocation in
            var items = try ComputeStore(workspace: invocation.workspace()).list(type: invocation.string("--type"), in: invocation.target())
            if let limit = try invocation.int("--max-results") { items = Array(items.prefix(max(0, limit))) }
            return .value(.array(items), table: listView)
        },
        AzCommandSpec("ml compute start", "Start a compute instance.", options: [AzOption.name(required: true), AzOption.noWait]) { invocation in
            _ = try ComputeStore(workspace: invocation.workspace()).setRunning(try invocation.require("--name"), running: true, in: invocation.target())
            return .nothing
        },
        AzCommandSpec("ml compute stop", "Stop a compute instance (it stops billing).", options: [AzOption.name(required: true), AzOption.noWait]) { invocation in
            _ = try ComputeStore(workspace: invocation.workspace()).setRunning(try invocation.require("--name"), running: false, in: invocation.target())
            return .nothing
        },
        AzCommandSpec("ml compute update", "Update a compute target's scale settings or tags.", options: [
            AzOption.name(required: true), AzOption(["--min-instances"], "Minimum number of nodes."), AzOption(["--max-instances"], "Maximum number of nodes."),
            AzOption(["--idle-time-before-scale-down"], "Idle seconds before scale-down."),
            AzOption(["--identity-type"], "Managed identity of the compute.", choices: ["SystemAssigned", "UserAssigned", "SystemAssigned,UserAssigned", "None"]),
            AzOption(["--user-assigned-identities", "-i"], "Resource ids of user-assigned identities, comma-separated."),
            AzOption.tags, AzOption.noWait,
        ]) { invocation in
            .json(try ComputeStore(workspace: invocation.workspace()).update(
                try invocation.require("--name"), minInstances: try invocation.int("--min-instances"), maxInstances: try invocation.int("--max-instances"),
                idleSeconds: try invocation.int("--idle-time-before-scale-down"), tags: invocation.tags(),
                identity: try ComputeRequest.identity(type: invocation.string("--identity-type"), userAssigned: invocation.strings("--user-assigned-identities")),
                in: invocation.target()))
        },
        AzCommandSpec("ml compute delete", "Delete a compute target.", options: [AzOption.name(required: true), AzOption.yes, AzOption.noWait]) { invocation in
            let name = try invocation.require("--name")
            let target = try invocation.target()
            if !invocation.flag("--yes") {
                let answer = invocation.environment.console.readLine(prompt: "Are you sure you want to perform this operation? (y/n): ")
                switch answer {
                case .line(let text) where text.lowercased().hasPrefix("y"): break
                case .line, .interrupted: return .nothing
                case .endOfInput: throw AzUsageError.usage("Unable to prompt for confirmation as no tty available. Use --yes.")
                }
            }
            try ComputeStore(workspace: invocation.workspace()).delete(name, in: target)
            return .nothing
        },
        AzCommandSpec("ml compute list-nodes", "List the nodes a cluster has up now (on the simulated clock).", options: [AzOption.name(required: true)]) { invocation in
            let workspace = try invocation.workspace()
            return .json(.array(try ComputeStore(workspace: workspace).nodes(try invocation.require("--name"), at: try workspace.clock.now(), in: invocation.target())))
        },
        AzCommandSpec("ml compute list-sizes", "List the VM sizes the simulator knows, with their hourly prices.", options: [
            AzOption(["--type", "-t"], "Compute type (accepted)."), AzOption(["--location", "-l"], "Location (accepted)."),
        ]) { _ in
            let sizes: [JSONValue] = SKUCatalogue.sizes.map { size in
                ["name": .string(size.name), "v_cpus": .int(Int64(size.vCPUs)), "memory_gb": .double(size.memoryGB), "gpus": .int(Int64(size.gpus)),
                 "price_per_hour_usd": .double(size.hourlyUSD), "low_priority_price_per_hour_usd": .double(SKUCatalogue.hourlyPrice(size, tier: "low_priority"))]
            }
            return .value(.array(sizes), table: TableView([
                ("Name", TableView.field("name")), ("vCPUs", TableView.field("v_cpus")), ("Memory (GB)", TableView.field("memory_gb")),
                ("GPUs", TableView.field("gpus")), ("USD/hour", TableView.field("price_per_hour_usd")),
            ]))
        },
    ]
}
