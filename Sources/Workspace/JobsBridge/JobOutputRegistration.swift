import Foundation
import Jobs

/// Registers a completed job's named outputs (`outputs: {m: {type: mlflow_model, name: automodel}}`), as
/// Azure ML does while the job finalizes: model types become a model version, `uri_folder`, `uri_file` and
/// `mltable` a data asset version; the next version unless the output gives `version:`. A model names the
/// job that wrote its files (`job_name`).
struct JobOutputRegistration: Sendable {
    let workspace: Workspace
    let target: WorkspaceTarget
    /// Folder holding every job's sandbox: an output's files live under `<jobsRoot>/<job>/outputs/<name>`.
    let jobsRoot: URL

    /// What was registered for one output.
    struct Registered: Sendable, Equatable {
        var output: String
        var kind: AssetKind
        var name: String
        var version: String
    }

    /// Registers every declared output that has an asset name and files on disk. `job` is the job that
    /// declared them; the files may have been written by one of its steps (a pipeline output), and a model
    /// then names that step's job. Throws the first registration that fails (the job then fails).
    func register(_ declared: [JobOutput], outputs: [String: URL], job: String) throws -> [Registered] {
        var registered: [Registered] = []
        for output in declared {
            guard let assetName = output.assetName else { continue }
            guard let url = outputs[output.name], FileManager.default.fileExists(atPath: url.path) else {
                throw WorkspaceError.failed("(UserError) Output '\(output.name)' of job \(job) was to be registered as \(assetName), but the job wrote nothing there.")
            }
            let writer = producingJob(of: url) ?? job
            let uri = "azureml://jobs/\(writer)/outputs/\(output.name)"
            let assets = AssetStore(workspace: workspace)
            do {
                let entity: JSONValue
                if output.type.isModel {
                    entity = try assets.registerJobModel(files: url, name: assetName, version: output.assetVersion,
                                                         fields: ["type": .string(output.type.rawValue), "path": .string(uri), "job_name": .string(writer),
                                                                  "stage": "Development"], in: target)
                } else {
                    entity = try registerData(url, output: output, name: assetName, writer: writer)
                }
                registered.append(Registered(output: output.name, kind: output.type.isModel ? .model : .data, name: assetName,
                                             version: entity["version"]?.stringValue ?? output.assetVersion ?? "1"))
            } catch let error as WorkspaceError {
                throw WorkspaceError.failed("(UserError) Registering output '\(output.name)' as \(output.type.isModel ? "model" : "data asset") \(assetName) failed: \(error.message)")
            }
        }
        return registered
    }

    private func registerData(_ url: URL, output: JobOutput, name: String, writer: String) throws -> JSONValue {
        let stored = try workspace.blobs.store(url)
        switch (output.type, stored.isFolder) {
        case (.uriFile, true):
            throw WorkspaceError.invalidArgument("the output is declared uri_file but the job wrote a folder")
        case (.uriFolder, false), (.mltable, false):
            throw WorkspaceError.invalidArgument("the output is declared \(output.type.rawValue) but the job wrote a single file")
        default: break
        }
        if output.type == .mltable { try AssetStore.checkMLTable(in: url) }
        var path = "\(target.blobDatastorePath)/azureml/\(writer)/\(output.name)/"
        if !stored.isFolder { path += url.lastPathComponent }
        let payload = AssetStore.Payload(digest: stored.digest, isFolder: stored.isFolder, fileName: url.lastPathComponent)
        return try AssetStore(workspace: workspace).register(.data, name: name, version: output.assetVersion,
                                                             fields: ["type": .string(output.type.rawValue), "path": .string(path)],
                                                             payload: payload, in: target)
    }

    /// The job whose sandbox holds `url` (`<jobsRoot>/<job>/...`), so a pipeline output names the step that wrote it.
    func producingJob(of url: URL) -> String? {
        let root = jobsRoot.standardizedFileURL.path
        let path = url.standardizedFileURL.path
        guard path.hasPrefix(root + "/") else { return nil }
        return path.dropFirst(root.count + 1).split(separator: "/").first.map(String.init)
    }
}
