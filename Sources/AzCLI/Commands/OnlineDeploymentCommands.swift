import Foundation
import Serving
import Workspace

/// `az ml online-deployment create|show|list|update|delete|get-logs`.
enum OnlineDeploymentCommands {
    static let listView = TableView([
        ("Name", TableView.field("name")), ("Endpoint name", TableView.field("endpoint_name")),
        ("Provisioning state", TableView.field("provisioning_state")), ("Instance type", TableView.field("instance_type")),
        ("Model", TableView.field("model")), ("Type", TableView.field("type")),
    ])
    static let endpoint = AzOption(["--endpoint-name", "-e", "--endpoint"], "Name of the endpoint.", required: true)
    static let deploymentName = AzOption(["--name", "-n"], "Name of the deployment.", required: true)

    static let specs: [AzCommandSpec] = [
        AzCommandSpec("ml online-deployment create", "Create a deployment: build its environment, fetch the model, start it.", options: [
            AzOption(["--file", "-f"], "Local path to the YAML file containing the deployment specification.", required: true),
            AzOption(["--name", "-n"], "Name of the deployment (overrides the YAML name)."),
            AzOption(["--endpoint-name", "-e", "--endpoint"], "Name of the endpoint (overrides endpoint_name in the YAML)."),
            AzOption(["--all-traffic"], "Once provisioned, send all of the endpoint's traffic to this deployment.", arity: .flag),
            AzOption(["--skip-script-validation"], "Skip validation of the scoring script.", arity: .flag),
            AzOption(["--package-model"], "Package the model (preview; accepted, no effect here).", arity: .flag),
            AzOption.set, AzOption.noWait, OnlineEndpointCommands.local, OnlineEndpointCommands.web,
        ], examples: ["az ml online-deployment create -f blue-deployment.yml --all-traffic", "az ml online-deployment create -n green -e my-endpoint -f green-deployment.yml"]) { invocation in
            OnlineEndpointCommands.explainLocal(invocation)
            var overrides: [String: JSONValue] = [:]
            if let name = invocation.string("--name") { overrides["name"] = .string(name) }
            if let endpoint = invocation.string("--endpoint-name") { overrides["endpoint_name"] = .string(endpoint) }
            guard let document = try invocation.loadSpec(EntitySchema.onlineDeployment, overrides: overrides) else {
                throw AzUsageError.missingRequired(["--file/-f"])
            }
            let request = try OnlineDeploymentRequest(document: document, endpointName: invocation.string("--endpoint-name"))
            let workspace = try invocation.workspace()
            let target = try invocation.target()
            if ["STANDARD_DS1_V2", "STANDARD_DS2_V2"].contains(request.instanceType.uppercased()) {
                invocation.warn("Instance type \(request.instanceType) may be too small for compute resources. Minimum recommended compute SKU is Standard_DS3_v2 for general purpose endpoints.")
            }
            if invocation.flag("--all-traffic") {
                invocation.warn("All traffic will be set to deployment \(request.name) once it has been provisioned.")
            }
            _ = try OnlineDeploymentStore(workspace: workspace).create(request, in: target)
            let provisioned = try DeploymentProvisioner(workspace: workspace, target: target, pathGuard: invocation.pathGuard(specFolder: document.folder))
                .provision(endpoint: request.endpointName, deployment: request.name, specFolder: document.folder)
            if provisioned["provisioning_state"]?.stringValue == "Failed" {
                throw WorkspaceError.failed(provisioned["provisioning_error"]?.stringValue ?? "Deployment failed")
            }
            if invocation.flag("--all-traffic") {
                _ = try OnlineEndpointStore(workspace: workspace).update(request.endpointName, traffic: [request.name: 100], mirror: [:], description: nil, tags: nil, in: target)
            }
            try HostLauncher.reload(home: workspace.home)
            return .json(provisioned)
        },
        AzCommandSpec("ml online-deployment show", "Show a deployment.", options: [deploymentName, endpoint, OnlineEndpointCommands.local, OnlineEndpointCommands.web]) { invocation in
            .json(try OnlineDeploymentStore(workspace: invocation.workspace()).show(try invocation.require("--name"), endpoint: try invocation.require("--endpoint-name"), in: invocation.target()))
        },
        AzCommandSpec("ml online-deployment list", "List the deployments of an endpoint.", options: [endpoint, OnlineEndpointCommands.local]) { invocation in
            let workspace = try invocation.workspace()
            let target = try invocation.target()
            let name = try invocation.require("--endpoint-name")
            _ = try OnlineEndpointStore(workspace: workspace).stored(name, in: target)
            return .value(.array(try OnlineDeploymentStore(workspace: workspace).records(endpoint: name, in: target)), table: listView)
        },
        AzCommandSpec("ml online-deployment update", "Update a deployment (instance_count, request_settings, model...) and restart it.", options: [
            AzOption(["--name", "-n"], "Name of the deployment (required without --file)."),
            AzOption(["--endpoint-name", "-e", "--endpoint"], "Name of the endpoint (required without --file)."), AzOption.file, AzOption.set, AzOption(["--skip-script-validation"], "Skip validation of the scoring script.", arity: .flag),
            AzOption.noWait, OnlineEndpointCommands.local,
        ], examples: ["az ml online-deployment update -n blue -e my-endpoint --set instance_count=2"]) { invocation in
            OnlineEndpointCommands.explainLocal(invocation)
            let workspace = try invocation.workspace()
            let target = try invocation.target()
            // As az: with --file the names come from the YAML unless -n/-e override them.
            var overrides: [String: JSONValue] = [:]
            if let name = invocation.string("--name") { overrides["name"] = .string(name) }
            if let endpoint = invocation.string("--endpoint-name") { overrides["endpoint_name"] = .string(endpoint.lowercased()) }
            let document = try invocation.loadSpec(EntitySchema.onlineDeployment, overrides: overrides)
            guard let name = invocation.string("--name") ?? document?.root["name"]?.scalarText,
                  let endpointName = (invocation.string("--endpoint-name") ?? document?.root["endpoint_name"]?.scalarText)?.lowercased() else {
                throw AzUsageError.missingRequired(document == nil ? ["--name/-n", "--endpoint-name/-e"] : ["--endpoint-name/-e"])
            }
            let store = OnlineDeploymentStore(workspace: workspace)
            let specFolder = document?.folder ?? invocation.workingFolder
            _ = try store.update(name, endpoint: endpointName, patch: { current in
                var next = current
                if let document {
                    let request = try OnlineDeploymentRequest(document: document, endpointName: endpointName)
                    let size = SKUCatalogue.size(named: request.instanceType) ?? SKUCatalogue.defaultVMSize
                    next = request.entity(endpoint: endpointName, size: size, target: target)
                } else {
                    for text in invocation.strings("--set") { next = try JSONPatch.parse(text).apply(to: next) }
                }
                return next.setting("provisioning_state", "Updating")
            }, in: target)
            let provisioned = try DeploymentProvisioner(workspace: workspace, target: target, pathGuard: invocation.pathGuard(specFolder: specFolder))
                .provision(endpoint: endpointName, deployment: name, specFolder: specFolder)
            if provisioned["provisioning_state"]?.stringValue == "Failed" {
                HostLauncher.reloadIfRunning(home: workspace.home)
                throw WorkspaceError.failed(provisioned["provisioning_error"]?.stringValue ?? "Deployment failed")
            }
            try HostLauncher.reload(home: workspace.home)
            return .json(provisioned)
        },
        AzCommandSpec("ml online-deployment delete", "Delete a deployment (move its traffic away first).", options: [deploymentName, endpoint, AzOption.yes, AzOption.noWait, OnlineEndpointCommands.local]) { invocation in
            let name = try invocation.require("--name"), endpointName = try invocation.require("--endpoint-name")
            let target = try invocation.target()
            guard try OnlineEndpointCommands.confirm(invocation) else { return .nothing }
            let workspace = try invocation.workspace()
            try OnlineDeploymentStore(workspace: workspace).delete(name, endpoint: endpointName, in: target)
            HostLauncher.reloadIfRunning(home: workspace.home)
            return .nothing
        },
        AzCommandSpec("ml online-deployment get-logs", "Show the container logs of a deployment.", options: [
            deploymentName, endpoint, AzOption(["--lines", "-l"], "Number of log lines to return from the end (default 5000)."),
            AzOption(["--container", "-c"], "Which container's logs.", choices: DeploymentLog.containers), OnlineEndpointCommands.local,
        ], examples: ["az ml online-deployment get-logs -n blue -e my-endpoint --lines 50", "az ml online-deployment get-logs -n blue -e my-endpoint -c storage-initializer"]) { invocation in
            let workspace = try invocation.workspace()
            let target = try invocation.target()
            let name = try invocation.require("--name"), endpointName = try invocation.require("--endpoint-name").lowercased()
            _ = try OnlineDeploymentStore(workspace: workspace).show(name, endpoint: endpointName, in: target)
            let lines = try invocation.int("--lines") ?? 5000
            guard lines >= 0 else { throw AzUsageError.usage("argument --lines/-l: must be 0 or more") }
            let container = invocation.string("--container") ?? "inference-server"
            HostLauncher.flushLogsIfRunning(home: workspace.home)
            let log = DeploymentLog(deploymentFolder: ServingAddress.deploymentFolder(home: workspace.home, scope: target.scopeKey, endpoint: endpointName, deployment: name))
            guard let text = log.tail(container, lines: lines) else {
                return .text("The \(container) container of deployment \(name) has no logs yet; try again later.\n")
            }
            return .text(text)
        },
    ]
}
