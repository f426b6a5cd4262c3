import Foundation
import Jobs

/// The Jobs engine's view of the workspace: registered data, components, environments and
/// compute, job outputs, and the path rules (inputs may not leave the allowed folders).
public struct WorkspaceJobResolver: JobAssetResolver {
    let workspace: Workspace
    let target: WorkspaceTarget
    let pathGuard: PathGuard

    public init(workspace: Workspace, target: WorkspaceTarget, pathGuard: PathGuard) {
        self.workspace = workspace
        self.target = target
        self.pathGuard = pathGuard
    }

    var assets: AssetStore { AssetStore(workspace: workspace) }

    /// Where stored payloads are written out for jobs to read.
    var cacheRoot: URL { workspace.home.appendingPathComponent("cache", isDirectory: true) }

    public func resolveData(_ path: String, type: JobInputType, baseDirectory: URL) throws -> ResolvedData {
        if let output = JobOutputURI.parse(path) {
            let url = try JobRecords(workspace: workspace, target: target).outputURL(job: output.job, output: output.output)
            let full = output.subpath.map { url.appendingPathComponent($0) } ?? url
            guard FileManager.default.fileExists(atPath: full.path) else { throw WorkspaceError.pathMissing(path: path) }
            return ResolvedData(url: full, assetReference: path)
        }
        if DatastoreStore.parse(path) != nil {
            let datastores = DatastoreStore(workspace: workspace)
            if let location = try datastores.locate(path, in: target) {
                return ResolvedData(url: try datastores.file(at: location, uri: path), assetReference: path)
            }
        }
        if let reference = AssetReference.parse(path) {
            if type.isModel { return try resolveModel(reference, type: type) }
            let stored = try assets.resolve(reference, expecting: .data, in: target)
            if stored.payload == nil, let remote = stored.entity["path"]?.stringValue, DatastoreStore.parse(remote) != nil {
                let datastores = DatastoreStore(workspace: workspace)
                if let location = try datastores.locate(remote, in: target) {
                    return ResolvedData(url: try datastores.file(at: location, uri: remote), assetReference: "azureml:\(stored.record.name):\(stored.record.version)")
                }
            }
            guard let payload = stored.payload else {
                throw WorkspaceError.notSimulated("reading data asset \(stored.record.name):\(stored.record.version) from cloud storage (\(stored.entity["path"]?.stringValue ?? "remote path"))")
            }
            let url = try materialize(payload)
            return ResolvedData(url: url, assetReference: exactReference(reference, stored))
        }
        if path.contains("://") {
            throw WorkspaceError.notSimulated("job inputs read from \(path.components(separatedBy: "://").first ?? "remote")://... storage; register the file as a data asset or use a local path")
        }
        let trimmed = path.hasPrefix("file:") ? String(path.dropFirst(5)) : path
        return ResolvedData(url: try pathGuard.resolve(trimmed, relativeTo: baseDirectory))
    }

    /// A model input (`type: mlflow_model | custom_model | triton_model`) names a registered model:
    /// `azureml:name:version`, `azureml:name@latest` or `azureml://registries/<reg>/models/<name>/versions/<v>`.
    /// Its files are written out once and the input is the model folder (or file).
    func resolveModel(_ reference: AssetReference, type: JobInputType) throws -> ResolvedData {
        if case .registry(_, let kind, _, _) = reference, kind != .model {
            throw WorkspaceError.invalidArgument("a \(type.rawValue) input must name a model (azureml://registries/<registry>/models/<name>/versions/<v>), not a \(kind.displayName.lowercased())")
        }
        let stored = try assets.resolve(reference, expecting: .model, in: target)
        guard let payload = stored.payload else {
            throw WorkspaceError.notSimulated("reading model \(stored.record.name):\(stored.record.version) from cloud storage (\(stored.entity["path"]?.stringValue ?? "remote path"))")
        }
        return ResolvedData(url: try materialize(payload), assetReference: exactReference(reference, stored))
    }

    /// The reference with its version resolved: `azureml:name:3`, or the registry URI with `/versions/3`.
    func exactReference(_ reference: AssetReference, _ stored: AssetStore.Stored) -> String {
        if case .registry(let registry, let kind, let name, _) = reference {
            return "azureml://registries/\(registry)/\(kind.pathSegment)/\(name)/versions/\(stored.record.version)"
        }
        return "azureml:\(stored.record.name):\(stored.record.version)"
    }

    public func resolveCode(_ code: String, baseDirectory: URL) throws -> URL {
        if code.hasPrefix("azureml:") || code.contains("://") {
            throw WorkspaceError.notSimulated("code from a registered code asset (\(code)); point `code:` at a local folder")
        }
        return try pathGuard.resolve(code, relativeTo: baseDirectory)
    }

    public func resolveComponent(_ reference: String) throws -> ResolvedComponent {
        guard let parsed = AssetReference.parse(reference) else {
            throw WorkspaceError.invalidArgument("invalid component reference '\(reference)': use azureml:<name>:<version> or azureml:<name>@latest")
        }
        let stored = try assets.resolve(parsed, expecting: .component, in: target)
        guard let yaml = JSONValue.parse(stored.record.body)?["internal"]?["source_yaml"]?.stringValue else {
            throw WorkspaceError.failed("component \(stored.record.name):\(stored.record.version) was registered without its YAML; register it again with `az ml component create -f`")
        }
        var folder = cacheRoot.appendingPathComponent("components/\(stored.record.contentHash.prefix(24))", isDirectory: true)
        if let payload = stored.payload {
            folder = cacheRoot.appendingPathComponent("components/\(payload.digest.prefix(24))", isDirectory: true)
            let codeFolder = folder.appendingPathComponent(payload.fileName)
            if !FileManager.default.fileExists(atPath: codeFolder.path) {
                try workspace.blobs.materialize(digest: payload.digest, isFolder: payload.isFolder, to: codeFolder)
            }
        }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let component = try JobSpecParser.parseComponent(yaml: yaml, file: "\(stored.record.name):\(stored.record.version)", baseDirectory: folder)
        guard case .command(var spec) = component.kind else {
            throw WorkspaceError.notSimulated("registered pipeline components used as steps")
        }
        if let payload = stored.payload { spec.code = payload.fileName }
        spec.baseDirectory = folder
        return ResolvedComponent(spec: spec, reference: "azureml:\(stored.record.name):\(stored.record.version)")
    }

    public func checkCompute(_ compute: String?) throws {
        guard let compute else { return }
        let name = compute.hasPrefix("azureml:") ? String(compute.dropFirst("azureml:".count)) : compute
        if ["local", "serverless"].contains(name.lowercased()) { return }
        _ = try ComputeStore(workspace: workspace).show(name, in: target)
    }

    /// Serverless jobs run on the VM size `resources.instance_type` names: it must be one of the SKU table's sizes.
    public func checkResources(_ resources: JobResources, compute: String?) throws {
        guard let instanceType = resources.instanceType, Self.isServerless(compute) else { return }
        guard SKUCatalogue.size(named: instanceType) != nil else {
            throw WorkspaceError.invalidArgument("Instance type '\(instanceType)' is not a VM size serverless compute offers in this simulated region; use one of: \(SKUCatalogue.sizes.map(\.name).joined(separator: ", ")).")
        }
    }

    /// A job on a compute instance that is not Running never starts: it fails when it leaves Queued.
    public func checkComputeReady(_ compute: String?) throws {
        guard let compute, !Self.isServerless(compute), compute.lowercased() != "local" else { return }
        let name = compute.hasPrefix("azureml:") ? String(compute.dropFirst("azureml:".count)) : compute
        guard let entity = try? ComputeStore(workspace: workspace).show(name, in: target),
              entity["type"]?.stringValue == "computeinstance", let state = entity["state"]?.stringValue, state != "Running" else { return }
        throw WorkspaceError.failed("(UserError) Compute instance '\(name)' is \(state), so the job cannot run on it. Start it with `az ml compute start -n \(name)` and submit the job again, or run it on a cluster or serverless compute.")
    }

    /// Registers a finishing job's named outputs (models with `job_name`, data assets) and records in the job's
    /// `outputs` the name and version each was registered as.
    public func registerOutputs(job: String, declared: [JobOutput], outputs: [String: URL]) throws {
        guard declared.contains(where: { $0.assetName != nil }) else { return }
        let jobsRoot = workspace.home.appendingPathComponent("jobs", isDirectory: true)
        let registered = try JobOutputRegistration(workspace: workspace, target: target, jobsRoot: jobsRoot).register(declared, outputs: outputs, job: job)
        try? JobRecords(workspace: workspace, target: target).modify(job) { entity, _ in
            var fields = entity["outputs"]?.objectValue ?? [:]
            for item in registered {
                fields[item.output] = (fields[item.output] ?? [:]).setting("name", .string(item.name)).setting("version", .string(item.version))
            }
            entity = entity.setting("outputs", .object(fields))
        }
    }

    /// Whether the job runs on serverless compute (no compute, `serverless` or `azureml:serverless`).
    static func isServerless(_ compute: String?) -> Bool {
        guard let compute else { return true }
        return ["serverless", "azureml:serverless"].contains(compute.lowercased())
    }

    public func checkEnvironment(_ environment: EnvironmentReference?, baseDirectory: URL) throws {
        switch environment {
        case .registered(let reference)?:
            try assets.checkEnvironmentReference(reference, in: target)
        case .inline(let inline)?:
            if case .path(let path)? = inline.condaFile { _ = try pathGuard.resolve(path, relativeTo: baseDirectory) }
            if let context = inline.buildContext { _ = try pathGuard.resolve(context, relativeTo: baseDirectory) }
        case nil:
            return
        }
    }

    public func prepareEnvironment(_ environment: EnvironmentReference?, baseDirectory: URL, log: (String) -> Void) throws {
        let specification = try EnvironmentBuilder.specification(for: environment, resolver: self, baseDirectory: baseDirectory)
        let result = EnvironmentBuilder(catalogue: try PackageCatalogue.bundled()).build(specification)
        for line in result.log { log(line) }
        if let failure = result.failure { throw WorkspaceError.failed(failure) }
    }

    /// Identity-based data access: each input read through a datastore is authorised now, with the
    /// datastore's stored credential or, when it has none, with the identity the job runs as (the compute's
    /// managed identity, or the user for `identity: user_identity`, serverless and local runs).
    /// The command then acts as that identity: `az` inside the job (an `az` on its PATH runs `mlopslab az`)
    /// is authorised as the managed identity, which `DEFAULT_IDENTITY_CLIENT_ID` names, as on Azure ML compute.
    public func authorizeRun(_ request: RunAccessRequest) throws -> [String: String] {
        let identity = try dataAccessIdentity(compute: request.compute, identityType: request.identityType)
        let datastores = DatastoreStore(workspace: workspace)
        for (input, path) in request.dataPaths.sorted(by: { $0.key < $1.key }) {
            var uri = path
            if DatastoreStore.parse(path) == nil {
                guard let reference = AssetReference.parse(path), let stored = try? assets.resolve(reference, expecting: .data, in: target),
                      stored.payload == nil, let remote = stored.entity["path"]?.stringValue, DatastoreStore.parse(remote) != nil else { continue }
                uri = remote
            }
            guard let location = try datastores.locate(uri, in: target) else { continue }
            try datastores.authorizeRead(location, uri: uri, input: input, identity: identity)
        }
        var environment: [String: String] = [:]
        if identity.isManaged, let principal = identity.principal {
            environment["MLOPSLAB_CALLER_PRINCIPAL"] = principal
            if let client = identity.clientId { environment["DEFAULT_IDENTITY_CLIENT_ID"] = client }
        }
        if let shim = try? azShimFolder() {
            environment["PATH"] = shim.path + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin")
        }
        return environment
    }

    /// Who a job acts as: `identity: user_identity` → the user; a compute with a managed identity → that
    /// identity (a user-assigned one first, as `DEFAULT_IDENTITY_CLIENT_ID` names it); serverless and local → the user.
    func dataAccessIdentity(compute: String?, identityType: String?) throws -> DataAccessIdentity {
        let user = DataAccessIdentity(principal: Workspace.user, clientId: nil, description: "your user identity (\(Workspace.user))", isManaged: false)
        if identityType?.lowercased() == "user_identity" { return user }
        guard let compute else { return user }
        let name = compute.hasPrefix("azureml:") ? String(compute.dropFirst("azureml:".count)) : compute
        if ["local", "serverless"].contains(name.lowercased()) { return user }
        guard let entity = try? ComputeStore(workspace: workspace).show(name, in: target) else { return user }
        let identity = entity["identity"]
        if let assigned = identity?["user_assigned_identities"]?.arrayValue?.first, let principal = assigned["principal_id"]?.stringValue {
            return DataAccessIdentity(principal: principal, clientId: assigned["client_id"]?.stringValue,
                                      description: "the user-assigned managed identity of compute '\(name)'", isManaged: true)
        }
        if let principal = identity?["principal_id"]?.stringValue {
            return DataAccessIdentity(principal: principal, clientId: Workspace.stableGuid("client-\(principal)"),
                                      description: "the system-assigned managed identity of compute '\(name)'", isManaged: true)
        }
        return DataAccessIdentity(principal: nil, clientId: nil, description: "compute '\(name)'", isManaged: true)
    }

    /// A folder holding an `az` script that runs this `mlopslab az`, so job commands can call az as on a VM.
    func azShimFolder() throws -> URL {
        let folder = workspace.home.appendingPathComponent("tools/bin", isDirectory: true)
        let script = folder.appendingPathComponent("az")
        if !FileManager.default.fileExists(atPath: script.path) {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try Data("#!/bin/sh\nexec mlopslab az \"$@\"\n".utf8).write(to: script)
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: script.path)
        }
        return folder
    }

    func materialize(_ payload: AssetStore.Payload) throws -> URL {
        let url = cacheRoot.appendingPathComponent("data/\(payload.digest.prefix(24))").appendingPathComponent(payload.fileName)
        if !FileManager.default.fileExists(atPath: url.path) {
            try workspace.blobs.materialize(digest: payload.digest, isFolder: payload.isFolder, to: url)
        }
        return url
    }
}
