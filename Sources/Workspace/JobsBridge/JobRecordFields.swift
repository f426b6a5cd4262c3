import Foundation
import Jobs

/// The parts of a job record built from what the engine resolved at submit time: the `inputs`,
/// `outputs`, `environment` and `code` fields of the job JSON (as `az ml job show` prints them), and
/// the lineage facts (data and model versions read, earlier jobs' outputs, environment version, code hash).
struct JobRecordFields: Sendable {
    let workspace: Workspace
    let target: WorkspaceTarget

    /// `inputs` as az prints them: literals as strings, data and models as `{mode, path, type}`.
    func inputs(_ recorded: [String: RecordedInput]) -> JSONValue {
        .object(recorded.mapValues { input in
            switch input {
            case .literal(let text): return .string(text)
            case .data(let type, let path, let mode):
                return ["mode": .string((mode ?? .roMount).rawValue), "path": .string(path), "type": .string(type.rawValue)]
            }
        })
    }

    /// `outputs` as az prints them right after create: each declared output with its type and mode (and the
    /// asset name and version it is registered as), plus `default`, the job's artifact store.
    func outputs(_ declared: [JobOutput], job: String) -> JSONValue {
        var outputs: [String: JSONValue] = ["default": defaultOutput(job: job)]
        for output in declared { outputs[output.name] = namedOutput(output, job: job) }
        return .object(outputs)
    }

    /// The artifact store output every job has (`./outputs`, `./logs`, `user_logs`).
    func defaultOutput(job: String) -> JSONValue {
        ["mode": "rw_mount", "path": .string("azureml://datastores/workspaceartifactstore/ExperimentRun/dcid.\(job)"), "type": "uri_folder"]
    }

    /// One named output: declared type and mode, the datastore path it is written to, and `name`/`version` when set.
    func namedOutput(_ output: JobOutput, job: String) -> JSONValue {
        var fields: [String: JSONValue] = [
            "mode": .string((output.mode ?? .rwMount).rawValue), "type": .string(output.type.rawValue),
            "path": .string(output.path.map { $0.replacingOccurrences(of: "${{name}}", with: job) }
                ?? "azureml://datastores/workspaceblobstore/paths/azureml/\(job)/\(output.name)/"),
        ]
        if let name = output.assetName { fields["name"] = .string(name) }
        if let version = output.assetVersion { fields["version"] = .string(version) }
        return .object(fields)
    }

    /// The environment as the job JSON shows it: the exact version (`azureml:env:3`, never `@latest`), or an
    /// anonymous environment for an inline one.
    func environment(_ environment: EnvironmentReference?) -> String? {
        switch environment {
        case .registered(let reference)?: return exactEnvironment(reference) ?? reference
        case .inline(let inline)?: return "azureml:CliV2AnonymousEnvironment:\(Workspace.stableGuid(String(describing: inline)).prefix(8))"
        case nil: return nil
        }
    }

    /// `code` as the job JSON shows it: an anonymous code asset named after the folder's content.
    func code(hash: String) -> String {
        "azureml:\(target.armId)/codes/\(Workspace.stableGuid(hash))/versions/1"
    }

    /// The lineage facts of a job: data asset versions and models it read, earlier jobs' outputs it read,
    /// the environment version (and how it was asked for), the code hash and the compute.
    func lineage(inputs recorded: [String: RecordedInput], environment: EnvironmentReference?, codeHash: String?, compute: String?) -> JSONValue {
        var data: [JSONValue] = [], models: [JSONValue] = [], upstream: [JSONValue] = []
        for (_, input) in recorded.sorted(by: { $0.key < $1.key }) {
            guard case .data(let type, let path, _) = input else { continue }
            if JobOutputURI.parse(path) != nil {
                upstream.append(.string(path))
            } else if type.isModel, path.hasPrefix("azureml:") {
                models.append(.string(path))
            } else if path.hasPrefix("azureml:") {
                data.append(.string(path))
            }
        }
        var lineage: [String: JSONValue] = ["inputs": .array(data), "compute": .string(compute ?? "serverless")]
        if !models.isEmpty { lineage["models"] = .array(models) }
        if !upstream.isEmpty { lineage["upstream"] = .array(upstream) }
        switch environment {
        case .registered(let reference)?: lineage["environment"] = .string(requestedEnvironment(reference))
        case .inline(let inline)?: lineage["environment"] = .string("inline image \(inline.image ?? "(build context)")")
        case nil: break
        }
        if let codeHash { lineage["code_hash"] = .string("sha256:\(codeHash)") }
        return .object(lineage)
    }

    /// `azureml:name:version` of the environment version a reference points at now (labels resolved), with
    /// how it was asked for, so lineage names the exact version even after `@latest` moves on.
    func requestedEnvironment(_ reference: String) -> String {
        guard let exact = exactEnvironment(reference), exact != reference else { return reference }
        return "\(exact) (requested as \(reference))"
    }

    /// The exact version a registered, curated or registry environment reference resolves to; nil when it
    /// cannot be resolved (the reference is then shown as written).
    func exactEnvironment(_ reference: String) -> String? {
        guard let parsed = AssetReference.parse(reference) else { return nil }
        switch parsed {
        case .registry("azureml", _, let name, _):
            return CuratedEnvironments.find(name).map { "azureml://registries/azureml/environments/\($0.name.dropFirst("AzureML-".count))/versions/\($0.version)" }
        case .version(let name, _), .label(let name, _):
            if name.hasPrefix("AzureML-"), let curated = CuratedEnvironments.find(name) {
                return "azureml:\(curated.name):\(curated.version)"
            }
            return (try? AssetStore(workspace: workspace).resolve(parsed, expecting: .environment, in: target)).map { "azureml:\($0.record.name):\($0.record.version)" }
        case .registry(let registry, _, let name, _):
            return (try? AssetStore(workspace: workspace).resolve(parsed, expecting: .environment, in: target))
                .map { "azureml://registries/\(registry)/environments/\(name)/versions/\($0.record.version)" }
        }
    }

    /// The exact version a registered component reference resolves to (`azureml:train:2` for `azureml:train@latest`).
    func exactComponent(_ reference: String) -> String {
        guard let parsed = AssetReference.parse(reference),
              let stored = try? AssetStore(workspace: workspace).resolve(parsed, expecting: .component, in: target) else { return reference }
        if case .registry(let registry, _, let name, _) = parsed {
            return "azureml://registries/\(registry)/components/\(name)/versions/\(stored.record.version)"
        }
        return "azureml:\(stored.record.name):\(stored.record.version)"
    }
}
