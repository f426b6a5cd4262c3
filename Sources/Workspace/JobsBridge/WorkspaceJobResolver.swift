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
        if let reference = AssetReference.parse(path) {
            let stored = try assets.resolve(reference, expecting: .data, in: target)
            guard let payload = stored.payload else {
                throw WorkspaceError.notSimulated("reading data asset \(stored.record.name):\(stored.record.version) from cloud storage (\(stored.entity["path"]?.stringValue ?? "remote path"))")
            }
            let url = try materialize(payload)
            return ResolvedData(url: url, assetReference: "azureml:\(stored.record.name):\(stored.record.version)")
        }
        if path.contains("://") {
            throw WorkspaceError.notSimulated("job inputs read from \(path.components(separatedBy: "://").first ?? "remote")://... storage; register the file as a data asset or use a local path")
        }
        let trimmed = path.hasPrefix("file:") ? String(path.dropFirst(5)) : path
        return ResolvedData(url: try pathGuard.resolve(trimmed, relativeTo: baseDirectory))
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

    func materialize(_ payload: AssetStore.Payload) throws -> URL {
        let url = cacheRoot.appendingPathComponent("data/\(payload.digest.prefix(24))").appendingPathComponent(payload.fileName)
        if !FileManager.default.fileExists(atPath: url.path) {
            try workspace.blobs.materialize(digest: payload.digest, isFolder: payload.isFolder, to: url)
        }
        return url
    }
}
