import Foundation

/// One node of a lineage tree: what it is and what it came from.
public struct LineageNode: Sendable, Equatable {
    public var label: String
    public var children: [LineageNode]

    public init(_ label: String, _ children: [LineageNode] = []) {
        self.label = label
        self.children = children
    }

    /// The tree drawn with box characters, one node per line.
    public func rendered() -> String {
        var lines = [label]
        func walk(_ node: LineageNode, prefix: String) {
            for (i, child) in node.children.enumerated() {
                let last = i == node.children.count - 1
                lines.append(prefix + (last ? "└── " : "├── ") + child.label)
                walk(child, prefix: prefix + (last ? "    " : "│   "))
            }
        }
        walk(self, prefix: "")
        return lines.joined(separator: "\n") + "\n"
    }
}

/// Builds lineage from the records: a model version → the job that produced it → the data asset
/// versions it read, its environment, its code hash and compute.
public struct LineageGraph: Sendable {
    let workspace: Workspace
    let target: WorkspaceTarget

    public init(workspace: Workspace, target: WorkspaceTarget) {
        self.workspace = workspace
        self.target = target
    }

    /// `model:NAME:VERSION`, `model:NAME` (latest), `data:NAME:VERSION`, `job:NAME`, or
    /// `deployment:ENDPOINT:NAME` (an online deployment and the model it serves).
    public func tree(for subject: String) throws -> LineageNode {
        let parts = subject.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        guard parts.count >= 2, !parts[1].isEmpty else {
            throw WorkspaceError.invalidArgument("give what to trace as model:NAME:VERSION, data:NAME:VERSION or job:NAME (got '\(subject)')")
        }
        let version = parts.count > 2 ? parts[2] : nil
        switch parts[0] {
        case "model": return try modelNode(parts[1], version: version)
        case "data": return try dataNode(parts[1], version: version)
        case "job": return try jobNode(parts[1])
        case "deployment":
            guard let name = version, !name.isEmpty else {
                throw WorkspaceError.invalidArgument("give a deployment as deployment:ENDPOINT:NAME (got '\(subject)')")
            }
            return try deploymentNode(endpoint: parts[1], name: name)
        default:
            throw WorkspaceError.invalidArgument("unknown lineage subject '\(parts[0])': use model:, data:, job: or deployment:")
        }
    }

    func deploymentNode(endpoint: String, name: String) throws -> LineageNode {
        let deployment = try OnlineDeploymentStore(workspace: workspace).show(name, endpoint: endpoint, in: target)
        let state = deployment["provisioning_state"]?.stringValue ?? "?"
        var children: [LineageNode] = []
        if let model = deployment["model"]?.stringValue {
            if let reference = AssetReference.parse(model), let stored = try? AssetStore(workspace: workspace).resolve(reference, expecting: .model, in: target) {
                var modelTarget = target
                if case .registry(let registry, _, _, _) = reference { modelTarget = try workspace.registryTarget(registry) }
                let node = try LineageGraph(workspace: workspace, target: modelTarget).modelNode(stored.record.name, version: stored.record.version)
                let place = modelTarget.registryName.map { " in registry \($0)" } ?? ""
                children.append(LineageNode(node.label + place, node.children))
            } else {
                children.append(LineageNode("model: \(model) (not found from \(target.displayName))"))
            }
        } else {
            children.append(LineageNode("model: none"))
        }
        return LineageNode("deployment:\(endpoint):\(name) (online, \(state), \(target.displayName))", children)
    }

    func modelNode(_ name: String, version: String?, visited: Set<String> = []) throws -> LineageNode {
        let stored = try AssetStore(workspace: workspace).find(.model, name: name, version: version, label: nil, in: target)
        let entity = stored.entity
        var children: [LineageNode] = []
        if let job = entity["job_name"]?.stringValue {
            // A copy shared into a registry traces its job in the workspace it was shared from.
            var jobTarget: WorkspaceTarget? = target.registryName == nil ? target : nil
            if let from = JSONValue.parse(stored.record.body)?["internal"]?["shared_from"], let ws = from["workspace"]?.stringValue {
                jobTarget = try? workspace.target(group: from["resource_group"]?.stringValue, workspace: ws)
            }
            let place = (jobTarget != nil && jobTarget != target) ? " in workspace \(jobTarget?.workspaceName ?? "")" : ""
            if let jobTarget, let node = try? LineageGraph(workspace: workspace, target: jobTarget).jobNode(job, visited: visited) {
                children.append(LineageNode(node.label + place, node.children))
            } else {
                children.append(LineageNode("job: \(job) (record not found)"))
            }
        } else {
            children.append(LineageNode("source: \(entity["path"]?.stringValue ?? "?") (registered from a local path, no producing job)"))
        }
        if let digest = stored.payload?.digest { children.append(LineageNode("files: sha256:\(digest.prefix(16))…")) }
        return LineageNode("model:\(name):\(stored.record.version) (\(entity["type"]?.stringValue ?? "custom_model"), created \(entity["creation_context"]?["created_at"]?.stringValue ?? "?"))", children)
    }

    /// A data or model version named by a reference a job recorded (`azureml:name:1`, or a registry URI).
    func assetNode(_ reference: String, kind: AssetKind, visited: Set<String>) throws -> LineageNode {
        guard let parsed = AssetReference.parse(reference) else { throw WorkspaceError.invalidArgument("not an asset reference: \(reference)") }
        switch parsed {
        case .version(let name, let version):
            return kind == .model ? try modelNode(name, version: version, visited: visited) : try dataNode(name, version: version)
        case .registry(let registry, _, let name, .version(let version)):
            let graph = LineageGraph(workspace: workspace, target: try workspace.registryTarget(registry))
            let node = kind == .model ? try graph.modelNode(name, version: version, visited: visited) : try graph.dataNode(name, version: version)
            return LineageNode(node.label + " in registry \(registry)", node.children)
        default:
            throw WorkspaceError.invalidArgument("not an exact asset version: \(reference)")
        }
    }

    func dataNode(_ name: String, version: String?) throws -> LineageNode {
        let stored = try AssetStore(workspace: workspace).find(.data, name: name, version: version, label: nil, in: target)
        var children: [LineageNode] = []
        if let digest = stored.payload?.digest { children.append(LineageNode("content: sha256:\(digest.prefix(16))…")) }
        if let path = stored.entity["path"]?.stringValue { children.append(LineageNode("path: \(path)")) }
        return LineageNode("data:\(name):\(stored.record.version) (\(stored.entity["type"]?.stringValue ?? "uri_folder"))", children)
    }

    /// A job, what it read (data and model versions, earlier jobs' outputs, each traced further back), its
    /// environment, code, compute and what it logged. `visited` stops a trace that comes back to a job.
    func jobNode(_ name: String, visited: Set<String> = []) throws -> LineageNode {
        let stored = try JobRecords(workspace: workspace, target: target).find(name)
        let entity = stored.entity, lineage = stored.lineage
        let seen = visited.union([name])
        var children: [LineageNode] = []
        for input in lineage["inputs"]?.arrayValue?.compactMap(\.stringValue) ?? [] {
            if let node = try? assetNode(input, kind: .data, visited: seen) {
                children.append(LineageNode("input " + node.label, node.children))
            } else {
                children.append(LineageNode("input: \(input)"))
            }
        }
        for input in lineage["models"]?.arrayValue?.compactMap(\.stringValue) ?? [] {
            if let node = try? assetNode(input, kind: .model, visited: seen) {
                children.append(LineageNode("input " + node.label, node.children))
            } else {
                children.append(LineageNode("input model: \(input)"))
            }
        }
        for input in lineage["upstream"]?.arrayValue?.compactMap(\.stringValue) ?? [] {
            guard let output = JobOutputURI.parse(input) else { continue }
            if !seen.contains(output.job), let node = try? jobNode(output.job, visited: seen) {
                children.append(LineageNode("input from output '\(output.output)' of " + node.label, node.children))
            } else {
                children.append(LineageNode("input: \(input)"))
            }
        }
        if let environment = lineage["environment"]?.stringValue { children.append(LineageNode("environment: \(environment)")) }
        if let code = lineage["code_hash"]?.stringValue { children.append(LineageNode("code: \(code.prefix(23))…")) }
        if let compute = lineage["compute"]?.stringValue { children.append(LineageNode("compute: \(compute)")) }
        if let parent = entity["parent_job_name"]?.stringValue { children.append(LineageNode("parent job: \(parent)")) }
        let params = (stored.params.objectValue ?? [:]).compactMap { key, value in value.stringValue.map { "\(key)=\($0)" } }.sorted()
        if !params.isEmpty { children.append(LineageNode("params: " + params.joined(separator: ", "))) }
        let metrics = (stored.metrics.objectValue ?? [:]).compactMap { key, points in
            points.arrayValue?.last?["value"]?.doubleValue.map { "\(key)=\(JSONValue.formatDouble($0))" }
        }.sorted()
        if !metrics.isEmpty { children.append(LineageNode("metrics: " + metrics.joined(separator: ", "))) }
        let status = entity["status"]?.stringValue ?? "?"
        return LineageNode("job:\(name) (\(entity["type"]?.stringValue ?? "command"), \(status), experiment \(entity["experiment_name"]?.stringValue ?? "?"))", children)
    }
}
