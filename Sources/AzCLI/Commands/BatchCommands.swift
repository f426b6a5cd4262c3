import CLICore
import Foundation
import Workspace

/// `az ml batch-endpoint ...` and `az ml batch-deployment ...`: batch scoring with the deployed
/// MLflow model, really run in mini-batches on every core (see docs/batch.md).
enum BatchCommands {
    static let endpointView = TableView([
        ("Id", TableView.field("id")), ("Name", TableView.field("name")),
        ("Deployment name", { $0["defaults"]?["deployment_name"]?.stringValue ?? "" }),
        ("Location", TableView.field("location")), ("Provisioning state", TableView.field("provisioning_state")),
        ("Scoring uri", TableView.field("scoring_uri")), ("Auth mode", TableView.field("auth_mode")),
    ])
    static let deploymentView = TableView([
        ("Name", TableView.field("name")), ("Endpoint name", TableView.field("endpoint_name")),
        ("Provisioning state", TableView.field("provisioning_state")), ("Model", TableView.field("model")), ("Compute", TableView.field("compute")),
    ])
    static let jobsView = TableView([
        ("Name", TableView.field("name")), ("Status", TableView.field("status")),
        ("Output", { $0["outputs"]?["score"]?["path"]?.stringValue ?? "" }),
    ])

    static let endpointOption = AzOption(["--endpoint-name", "-e"], "Name of the batch endpoint.")

    static func stores(_ invocation: AzInvocation) throws -> (BatchEndpointStore, BatchJobRunner) {
        let workspace = try invocation.workspace()
        let target = try invocation.target()
        return (BatchEndpointStore(workspace: workspace, target: target), BatchJobRunner(workspace: workspace, target: target))
    }

    /// The spec from `--file` with `--set` patches, `--name` winning over the YAML.
    static func spec(_ invocation: AzInvocation) throws -> JSONValue {
        var root: JSONValue = [:]
        if let file = invocation.string("--file") {
            root = try YAMLDocument.load(invocation.localURL(file), entity: "BatchEndpoint").root
        }
        for text in invocation.strings("--set") { root = try JSONPatch.parse(text).apply(to: root) }
        if let name = invocation.string("--name") { root = root.setting("name", .string(name)) }
        return root
    }

    static let specs: [AzCommandSpec] = endpointSpecs + deploymentSpecs

    static let endpointSpecs: [AzCommandSpec] = [
        AzCommandSpec("ml batch-endpoint create", "Create a batch endpoint.", options: [AzOption.file, AzOption.name, AzOption.set, AzOption.noWait],
                      examples: ["az ml batch-endpoint create -f endpoint.yml", "az ml batch-endpoint create -n churn-batch"]) { invocation in
            .json(try stores(invocation).0.createEndpoint(try spec(invocation)))
        },
        AzCommandSpec("ml batch-endpoint show", "Show a batch endpoint.", options: [AzOption.name(required: true)]) { invocation in
            .json(try stores(invocation).0.endpoint(try invocation.require("--name")))
        },
        AzCommandSpec("ml batch-endpoint list", "List batch endpoints.", options: []) { invocation in
            .value(.array(try stores(invocation).0.listEndpoints()), table: endpointView)
        },
        AzCommandSpec("ml batch-endpoint update", "Update a batch endpoint (e.g. --set defaults.deployment_name=<dep>).", options: [AzOption.name(required: true), AzOption.set, AzOption.file, AzOption.noWait]) { invocation in
            let patches = try invocation.strings("--set").map(JSONPatch.parse)
            return .json(try stores(invocation).0.updateEndpoint(try invocation.require("--name"), patches: patches))
        },
        AzCommandSpec("ml batch-endpoint delete", "Delete a batch endpoint and its deployments.", options: [AzOption.name(required: true), AzOption.yes, AzOption.noWait]) { invocation in
            try stores(invocation).0.deleteEndpoint(try invocation.require("--name"))
            return .nothing
        },
        AzCommandSpec("ml batch-endpoint invoke", "Start a batch scoring job; returns the job.", options: [
            AzOption.name(required: true),
            AzOption(["--deployment-name", "-d"], "Deployment to run (default: the endpoint's default deployment)."),
            AzOption(["--input"], "Data to score: azureml:<data>:<version>, azureml:<data>@latest, a job output URI or a local file or folder.", required: true),
            AzOption(["--input-type"], "Type of the input.", choices: ["uri_folder", "uri_file"]),
            AzOption(["--mini-batch-size", "-m"], "Files per mini-batch (overrides the deployment)."),
            AzOption(["--instance-count", "-c"], "Instances to run on (overrides the deployment)."),
            AzOption(["--output-path"], "Output location (accepted; the output is kept in the job's score output)."),
            AzOption(["--job-name"], "Name of the job (default batchjob-<guid>)."),
            AzOption(["--experiment-name"], "Experiment of the job (default: the endpoint name)."),
            AzOption.set,
        ], examples: ["az ml batch-endpoint invoke -n churn-batch --input azureml:churn-unscored@latest --query name -o tsv"]) { invocation in
            var overrides = BatchJobRunner.Overrides()
            overrides.deployment = invocation.string("--deployment-name")
            overrides.miniBatchSize = try invocation.int("--mini-batch-size")
            overrides.instanceCount = try invocation.int("--instance-count")
            overrides.jobName = invocation.string("--job-name")
            overrides.experimentName = invocation.string("--experiment-name")
            for text in invocation.strings("--set") {
                let patch = try JSONPatch.parse(text)
                guard patch.path == ["output_file_name"], let value = patch.value.stringValue else {
                    throw AzUsageError.usage("invoke --set only accepts output_file_name=<file>, got '\(text)'")
                }
                overrides.outputFileName = value
            }
            let input = try invocation.require("--input")
            let job = try stores(invocation).1.invoke(endpoint: try invocation.require("--name"), input: input, overrides: overrides,
                                                      workingFolder: invocation.workingFolder, pathGuard: invocation.pathGuard(specFolder: nil))
            return .json(job)
        },
        AzCommandSpec("ml batch-endpoint list-jobs", "List the batch scoring jobs of an endpoint.", options: [
            AzOption.name(required: true), AzOption(["--deployment-name", "-d"], "Only the jobs of this deployment."),
        ]) { invocation in
            .value(.array(try stores(invocation).1.jobs(endpoint: try invocation.require("--name"), deployment: invocation.string("--deployment-name"))), table: jobsView)
        },
    ]

    static let deploymentSpecs: [AzCommandSpec] = [
        AzCommandSpec("ml batch-deployment create", "Create a batch deployment.", options: [
            AzOption.file, AzOption.name, endpointOption, AzOption.set, AzOption.noWait,
            AzOption(["--set-default"], "Make it the endpoint's default deployment.", arity: .flag),
            AzOption(["--skip-script-validation"], "Accepted; there is no script to validate for MLflow models.", arity: .flag),
        ], examples: ["az ml batch-deployment create -f deployment.yml --set-default"]) { invocation in
            .json(try stores(invocation).0.createDeployment(try spec(invocation), endpointOverride: invocation.string("--endpoint-name"), setDefault: invocation.flag("--set-default")))
        },
        AzCommandSpec("ml batch-deployment show", "Show a batch deployment.", options: [AzOption.name(required: true), required(endpointOption)]) { invocation in
            .json(try stores(invocation).0.deployment(endpoint: try invocation.require("--endpoint-name"), name: try invocation.require("--name")))
        },
        AzCommandSpec("ml batch-deployment list", "List the deployments of a batch endpoint.", options: [required(endpointOption)]) { invocation in
            .value(.array(try stores(invocation).0.listDeployments(endpoint: try invocation.require("--endpoint-name"))), table: deploymentView)
        },
        AzCommandSpec("ml batch-deployment update", "Update a batch deployment (-f deployment.yml, or --set settings.mini_batch_size=5 ...).", options: [
            AzOption(["--name", "-n"], "Name of the deployment (required without --file)."), endpointOption, AzOption.set, AzOption.file, AzOption.noWait,
        ], examples: ["az ml batch-deployment update -f deployment.yml", "az ml batch-deployment update -n lr -e churn-batch --set settings.error_threshold=5"]) { invocation in
            guard invocation.string("--file") != nil else {
                let patches = try invocation.strings("--set").map(JSONPatch.parse)
                return .json(try stores(invocation).0.updateDeployment(endpoint: try invocation.require("--endpoint-name"), name: try invocation.require("--name"), patches: patches))
            }
            // As az: the YAML (with --set and -n/-e applied) says what the deployment becomes.
            let document = try spec(invocation)
            guard let name = document["name"]?.stringValue, let endpointName = invocation.string("--endpoint-name") ?? document["endpoint_name"]?.stringValue else {
                throw AzUsageError.missingRequired(["--endpoint-name/-e"])
            }
            var patches = [JSONPatch(path: ["settings"], value: try BatchSettings(deployment: document).json)]
            for key in ["resources", "model", "description", "tags"] {
                if let value = document[key] { patches.append(JSONPatch(path: [key], value: value)) }
            }
            return .json(try stores(invocation).0.updateDeployment(endpoint: endpointName, name: name, patches: patches))
        },
        AzCommandSpec("ml batch-deployment delete", "Delete a batch deployment.", options: [AzOption.name(required: true), required(endpointOption), AzOption.yes, AzOption.noWait]) { invocation in
            try stores(invocation).0.deleteDeployment(endpoint: try invocation.require("--endpoint-name"), name: try invocation.require("--name"))
            return .nothing
        },
        AzCommandSpec("ml batch-deployment list-jobs", "List the jobs of a batch deployment.", options: [AzOption.name(required: true), required(endpointOption)]) { invocation in
            .value(.array(try stores(invocation).1.jobs(endpoint: try invocation.require("--endpoint-name"), deployment: try invocation.require("--name"))), table: jobsView)
        },
    ]

    static func required(_ option: AzOption) -> AzOption {
        var copy = option
        copy.required = true
        return copy
    }
}
