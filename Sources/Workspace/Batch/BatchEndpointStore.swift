import Foundation
import MLCore
import Store

/// `az ml batch-endpoint` and `az ml batch-deployment`: batch endpoints, their deployments and
/// the default deployment, stored in the state database.
public struct BatchEndpointStore: Sendable {
    static let endpointKind = "batch-endpoint"
    static let deploymentKind = "batch-deployment"
    static let namePattern = try? NSRegularExpression(pattern: "^[a-zA-Z]([-a-zA-Z0-9]*[a-zA-Z0-9])?$")
    let workspace: Workspace
    let target: WorkspaceTarget

    public init(workspace: Workspace, target: WorkspaceTarget) {
        self.workspace = workspace
        self.target = target
    }

    func deploymentScope(_ endpoint: String) -> String { "\(target.scopeKey)/batch-endpoints/\(endpoint)" }

    // MARK: Endpoints

    /// Creates or updates an endpoint from its YAML/JSON spec.
    public func createEndpoint(_ spec: JSONValue) throws -> JSONValue {
        guard let name = spec["name"]?.stringValue, !name.isEmpty else {
            throw WorkspaceError.invalidArgument("the batch endpoint needs a name: give `name:` in the YAML or --name")
        }
        try BatchEndpointStore.checkName(name)
        if let auth = spec["auth_mode"]?.stringValue, auth.lowercased() != "aad_token" {
            throw WorkspaceError.failed("(BadRequest) Batch endpoints support only auth_mode aad_token, not '\(auth)'.")
        }
        let existing = try? endpoint(name)
        let now = try workspace.clock.now()
        let region = target.location
        var defaults = existing?["defaults"] ?? ["deployment_name": .null]
        if let requested = spec["defaults"]?["deployment_name"]?.stringValue {
            _ = try deployment(endpoint: name, name: requested)
            defaults = ["deployment_name": .string(requested)]
        }
        let body: JSONValue = [
            "auth_mode": "aad_token", "defaults": defaults,
            "description": spec["description"] ?? existing?["description"] ?? .null,
            "id": .string("\(target.armId)/batchEndpoints/\(name)"), "location": .string(region), "name": .string(name),
            "openapi_uri": .string("https://\(name).\(region).inference.ml.azure.com/v1.0/batchEndpoints/\(name)/swagger.json"),
            "properties": ["BatchEndpointCreationApiVersion": "2023-10-01", "azureml.onlineendpointid": .string("\(target.armId)/batchEndpoints/\(name)")],
            "provisioning_state": "Succeeded", "resourceGroup": .string(target.resourceGroup),
            "scoring_uri": .string("https://\(name).\(region).inference.ml.azure.com/jobs"),
            "tags": spec["tags"] ?? existing?["tags"] ?? [:],
        ]
        try workspace.database.saveResource(kind: BatchEndpointStore.endpointKind, scope: target.scopeKey, name: name, createdAt: now, body: body.compact())
        return body
    }

    /// The endpoint JSON.
    public func endpoint(_ name: String) throws -> JSONValue {
        guard let record = try workspace.database.resource(kind: BatchEndpointStore.endpointKind, scope: target.scopeKey, name: name),
              let body = JSONValue.parse(record.body) else {
            throw WorkspaceError.failed("(UserError) Batch endpoint \(name) was not found in \(target.displayName). Check the name with `az ml batch-endpoint list`.")
        }
        return body
    }

    public func listEndpoints() throws -> [JSONValue] {
        try workspace.database.resources(kind: BatchEndpointStore.endpointKind, scope: target.scopeKey).compactMap { JSONValue.parse($0.body) }
    }

    /// Applies `--set` patches (e.g. `defaults.deployment_name=<dep>`) to an endpoint.
    public func updateEndpoint(_ name: String, patches: [JSONPatch]) throws -> JSONValue {
        var body = try endpoint(name)
        for patch in patches {
            guard let field = patch.path.first, ["defaults", "description", "tags"].contains(field) else {
                throw WorkspaceError.failed("(UserError) Only defaults.deployment_name, description and tags can be updated on a batch endpoint; '\(patch.path.joined(separator: "."))' cannot.")
            }
            body = try patch.apply(to: body)
        }
        if let dep = body["defaults"]?["deployment_name"]?.stringValue { _ = try deployment(endpoint: name, name: dep) }
        try save(endpoint: body)
        return body
    }

    /// Deletes an endpoint and its deployments.
    public func deleteEndpoint(_ name: String) throws {
        _ = try endpoint(name)
        for record in try workspace.database.resources(kind: BatchEndpointStore.deploymentKind, scope: deploymentScope(name)) {
            if let id = record.id { _ = try workspace.database.deleteResource(id: id) }
        }
        if let record = try workspace.database.resource(kind: BatchEndpointStore.endpointKind, scope: target.scopeKey, name: name), let id = record.id {
            _ = try workspace.database.deleteResource(id: id)
        }
    }

    private func save(endpoint body: JSONValue) throws {
        let name = body["name"]?.stringValue ?? ""
        _ = try workspace.database.modifyResource(kind: BatchEndpointStore.endpointKind, scope: target.scopeKey, name: name) { _ in (body.compact(), nil) }
    }

    // MARK: Deployments

    /// Creates (or replaces) a deployment: the endpoint, model and compute must exist and the
    /// settings must be valid. The first deployment of an endpoint, or `setDefault`, becomes its default.
    public func createDeployment(_ spec: JSONValue, endpointOverride: String?, setDefault: Bool) throws -> JSONValue {
        guard let name = spec["name"]?.stringValue, !name.isEmpty else {
            throw WorkspaceError.invalidArgument("the batch deployment needs a name: give `name:` in the YAML or --name")
        }
        try BatchEndpointStore.checkName(name, minimum: 1)
        guard let endpointName = endpointOverride ?? spec["endpoint_name"]?.stringValue else {
            throw WorkspaceError.invalidArgument("the following arguments are required: --endpoint-name/-e (or `endpoint_name:` in the YAML)")
        }
        var endpointBody = try endpoint(endpointName)
        if let type = spec["type"]?.stringValue, type != "model" {
            throw WorkspaceError.notSimulated("batch deployments of type '\(type)' (pipeline component deployments); use type: model")
        }
        guard let modelText = spec["model"]?.stringValue else {
            throw WorkspaceError.invalidArgument("batch deployment \(name): `model:` is required (azureml:<name>:<version> or azureml:<name>@latest)")
        }
        let model = try resolveModel(modelText, hasScript: spec["code_configuration"] != nil)
        guard let compute = spec["compute"]?.stringValue else {
            throw WorkspaceError.invalidArgument("batch deployment \(name): `compute:` is required (azureml:<cluster name>); batch deployments run on a compute cluster")
        }
        let computeName = compute.hasPrefix("azureml:") ? String(compute.dropFirst("azureml:".count)) : compute
        _ = try ComputeStore(workspace: workspace).show(computeName, in: target)
        let settings = try BatchSettings(deployment: spec)
        let now = try workspace.clock.now()
        let body: JSONValue = [
            "code_configuration": spec["code_configuration"] ?? .null, "compute": .string("azureml:\(computeName)"),
            "description": spec["description"] ?? .null, "endpoint_name": .string(endpointName),
            "environment": spec["environment"] ?? .null,
            "id": .string("\(target.armId)/batchEndpoints/\(endpointName)/deployments/\(name)"),
            "model": .string(model.reference), "name": .string(name), "provisioning_state": "Succeeded",
            "resources": ["instance_count": .int(Int64(settings.instanceCount))],
            "settings": settings.json, "tags": spec["tags"] ?? [:], "type": "model",
        ]
        try workspace.database.saveResource(kind: BatchEndpointStore.deploymentKind, scope: deploymentScope(endpointName), name: name, createdAt: now, body: body.compact())
        if setDefault || endpointBody["defaults"]?["deployment_name"]?.stringValue == nil {
            endpointBody = endpointBody.setting("defaults", ["deployment_name": .string(name)])
            try save(endpoint: endpointBody)
        }
        return body
    }

    public func deployment(endpoint endpointName: String, name: String) throws -> JSONValue {
        _ = try endpoint(endpointName)
        guard let record = try workspace.database.resource(kind: BatchEndpointStore.deploymentKind, scope: deploymentScope(endpointName), name: name),
              let body = JSONValue.parse(record.body) else {
            throw WorkspaceError.failed("(UserError) Batch deployment \(name) was not found on batch endpoint \(endpointName). Check the name with `az ml batch-deployment list -e \(endpointName)`.")
        }
        return body
    }

    public func listDeployments(endpoint endpointName: String) throws -> [JSONValue] {
        _ = try endpoint(endpointName)
        return try workspace.database.resources(kind: BatchEndpointStore.deploymentKind, scope: deploymentScope(endpointName)).compactMap { JSONValue.parse($0.body) }
    }

    /// `az ml batch-deployment update --set settings.mini_batch_size=5 ...`.
    public func updateDeployment(endpoint endpointName: String, name: String, patches: [JSONPatch]) throws -> JSONValue {
        var body = try deployment(endpoint: endpointName, name: name)
        for patch in patches {
            guard let field = patch.path.first, ["settings", "description", "tags", "resources", "model"].contains(field) else {
                throw WorkspaceError.failed("(UserError) '\(patch.path.joined(separator: "."))' cannot be updated on a batch deployment; change settings, resources, model, description or tags.")
            }
            body = try patch.apply(to: body)
        }
        let settings = try BatchSettings(deployment: body)
        body = body.setting("settings", settings.json)
        if let modelText = body["model"]?.stringValue {
            body = body.setting("model", .string(try resolveModel(modelText, hasScript: body["code_configuration"].map { $0 != .null } ?? false).reference))
        }
        _ = try workspace.database.modifyResource(kind: BatchEndpointStore.deploymentKind, scope: deploymentScope(endpointName), name: name) { _ in (body.compact(), nil) }
        return body
    }

    /// Deletes a deployment; the endpoint loses its default when it was this one.
    public func deleteDeployment(endpoint endpointName: String, name: String) throws {
        _ = try deployment(endpoint: endpointName, name: name)
        if let record = try workspace.database.resource(kind: BatchEndpointStore.deploymentKind, scope: deploymentScope(endpointName), name: name), let id = record.id {
            _ = try workspace.database.deleteResource(id: id)
        }
        let body = try endpoint(endpointName)
        if body["defaults"]?["deployment_name"]?.stringValue == name {
            try save(endpoint: body.setting("defaults", ["deployment_name": .null]))
        }
    }

    // MARK: Models

    /// A registered model a batch deployment scores with.
    struct ResolvedModel {
        var reference: String
        var stored: AssetStore.Stored
    }

    func resolveModel(_ text: String, hasScript: Bool) throws -> ResolvedModel {
        guard let reference = AssetReference.parse(text) else {
            throw WorkspaceError.invalidArgument("invalid model reference '\(text)': use azureml:<name>:<version> or azureml:<name>@latest (register the model first with `az ml model create`)")
        }
        let stored = try AssetStore(workspace: workspace).resolve(reference, expecting: .model, in: target)
        let type = stored.entity["type"]?.stringValue ?? "custom_model"
        if type != "mlflow_model" && !hasScript {
            throw WorkspaceError.failed("(UserError) Model \(stored.record.name):\(stored.record.version) is a \(type); a batch deployment without code_configuration needs an mlflow_model (register the `mlopslab ml train` folder with --type mlflow_model) or a scoring script.")
        }
        return ResolvedModel(reference: "azureml:\(stored.record.name):\(stored.record.version)", stored: stored)
    }

    /// Writes the model files into the cache and loads them with MLCore.
    func loadModel(_ text: String) throws -> TrainedModel {
        let resolved = try resolveModel(text, hasScript: false)
        guard let payload = resolved.stored.payload else {
            throw WorkspaceError.notSimulated("scoring with a model whose files are not local (\(resolved.stored.entity["path"]?.stringValue ?? "remote path"))")
        }
        let url = workspace.home.appendingPathComponent("cache/models/\(payload.digest.prefix(24))").appendingPathComponent(payload.fileName)
        if !FileManager.default.fileExists(atPath: url.path) {
            try workspace.blobs.materialize(digest: payload.digest, isFolder: payload.isFolder, to: url)
        }
        let folder = payload.isFolder ? url : url.deletingLastPathComponent()
        do {
            return try ModelArtifact.load(from: folder.path)
        } catch {
            throw WorkspaceError.failed("(UserError) Model \(resolved.reference) cannot be loaded for scoring: \(BatchScorer.describe(error)). Batch scoring without a script needs a model folder written by `mlopslab ml train`.")
        }
    }

    static func checkName(_ name: String, minimum: Int = 3) throws {
        let range = NSRange(name.startIndex..., in: name)
        guard (minimum...32).contains(name.count), namePattern?.firstMatch(in: name, range: range) != nil else {
            throw WorkspaceError.failed("(BadRequest) The name '\(name)' is invalid: endpoint names are 3-32 characters (deployment names 1-32), start with a letter and contain only letters, digits and '-' (not at the end).")
        }
    }
}
