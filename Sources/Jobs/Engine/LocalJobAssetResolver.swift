import Foundation

/// Resolves only local paths (relative to the YAML file) and refuses every `azureml:` reference.
/// Tests and stand-alone runs use it; the Workspace supplies a resolver that knows registered assets.
public struct LocalJobAssetResolver: JobAssetResolver {
    public init() {}

    public func resolveData(_ path: String, type: JobInputType, baseDirectory: URL) throws -> ResolvedData {
        try ResolvedData(url: localURL(path, field: "inputs", baseDirectory: baseDirectory))
    }

    public func resolveCode(_ code: String, baseDirectory: URL) throws -> URL {
        try localURL(code, field: "code", baseDirectory: baseDirectory)
    }

    public func resolveComponent(_ reference: String) throws -> ResolvedComponent {
        throw JobsError.unknownReference(field: "component", reference: reference, reason: "no workspace is attached, so registered components are unknown")
    }

    public func checkCompute(_ compute: String?) throws {}

    public func checkEnvironment(_ environment: EnvironmentReference?, baseDirectory: URL) throws {}

    public func prepareEnvironment(_ environment: EnvironmentReference?, baseDirectory: URL, log: (String) -> Void) throws {}

    func localURL(_ path: String, field: String, baseDirectory: URL) throws -> URL {
        if path.hasPrefix("azureml:") || path.contains("://") {
            throw JobsError.unknownReference(field: field, reference: path, reason: "no workspace is attached, so only local paths resolve")
        }
        let trimmed = path.hasPrefix("file:") ? String(path.dropFirst(5)) : path
        let url = trimmed.hasPrefix("/") ? URL(fileURLWithPath: trimmed) : baseDirectory.appendingPathComponent(trimmed)
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw JobsError.missingPath(field: field, path: url.standardizedFileURL.path, position: SourcePosition(file: baseDirectory.path, line: 0, column: 0))
        }
        return url.standardizedFileURL
    }
}
