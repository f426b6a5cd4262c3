import Foundation

/// Turns a local path named by a spec into a stored payload and the datastore URI az prints for it.
public struct LocalUpload: Sendable {
    let workspace: Workspace
    let pathGuard: PathGuard

    public init(workspace: Workspace, pathGuard: PathGuard) {
        self.workspace = workspace
        self.pathGuard = pathGuard
    }

    /// Whether a path names cloud storage or an asset (kept as is) rather than a local file.
    public static func isRemote(_ path: String) -> Bool {
        path.contains("://") || path.hasPrefix("azureml:") || path.hasPrefix("runs:/")
    }

    /// Checks and stores a local file or folder; returns the payload and its upload URI.
    public func upload(_ path: String, relativeTo folder: URL, in target: WorkspaceTarget) throws -> (payload: AssetStore.Payload, uri: String, url: URL) {
        let url = try pathGuard.resolve(path, relativeTo: folder)
        let stored = try workspace.blobs.store(url)
        let fileName = url.lastPathComponent
        let prefix = target.registryName.map { "azureml://registries/\($0)/paths" } ?? target.blobDatastorePath
        var uri = "\(prefix)/LocalUpload/\(stored.digest.prefix(32))/\(fileName)"
        if stored.isFolder { uri += "/" }
        return (AssetStore.Payload(digest: stored.digest, isFolder: stored.isFolder, fileName: fileName), uri, url)
    }
}
