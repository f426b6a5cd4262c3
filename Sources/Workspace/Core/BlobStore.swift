import Foundation
import Primitives

/// Content-addressed storage under the state home: every file is kept once, named by its SHA-256
/// (`blobs/sha256/ab/abcdef...`). A folder is stored as its files plus a manifest blob listing
/// relative path → digest; the folder's digest is the manifest's digest.
public struct BlobStore: Sendable {
    public let root: URL

    public init(home: URL) {
        root = home.appendingPathComponent("blobs/sha256", isDirectory: true)
    }

    /// What was stored for one local path.
    public struct Upload: Sendable, Equatable {
        /// Digest of the file, or of the folder's manifest.
        public var digest: String
        /// Whether the path was a folder.
        public var isFolder: Bool
        /// Number of files stored.
        public var fileCount: Int
        /// Total bytes of the files.
        public var byteCount: Int
    }

    /// Stores a file or a folder (recursively) and returns its digest.
    public func store(_ url: URL) throws -> Upload {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
            throw WorkspaceError.pathMissing(path: url.path)
        }
        if !isDirectory.boolValue {
            let data = try readFile(url)
            return Upload(digest: try put(data), isFolder: false, fileCount: 1, byteCount: data.count)
        }
        var manifest: [String: JSONValue] = [:]
        var bytes = 0
        let files = (FileManager.default.enumerator(atPath: url.path)?.allObjects as? [String] ?? []).sorted()
        for relative in files {
            let file = url.appendingPathComponent(relative)
            var isDir: ObjCBool = false
            guard FileManager.default.fileExists(atPath: file.path, isDirectory: &isDir), !isDir.boolValue else { continue }
            let data = try readFile(file)
            manifest[relative] = .string(try put(data))
            bytes += data.count
        }
        let manifestText = JSONValue.object(manifest).compact()
        return Upload(digest: try put(Data(manifestText.utf8)), isFolder: true, fileCount: manifest.count, byteCount: bytes)
    }

    /// Stores bytes and returns their digest.
    public func put(_ data: Data) throws -> String {
        let digest = SHA256Hasher.hex(data)
        let target = url(for: digest)
        if FileManager.default.fileExists(atPath: target.path) { return digest }
        do {
            try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            try data.write(to: target, options: .atomic)
        } catch {
            throw WorkspaceError.failed("cannot write blob \(target.path): \(error.localizedDescription)")
        }
        return digest
    }

    /// The bytes of a blob.
    public func get(_ digest: String) throws -> Data {
        try readFile(url(for: digest))
    }

    /// Where the blob with this digest lives.
    public func url(for digest: String) -> URL {
        let prefix = String(digest.prefix(2))
        return root.appendingPathComponent(prefix).appendingPathComponent(digest)
    }

    /// Writes a stored file or folder back out under `destination`.
    public func materialize(digest: String, isFolder: Bool, to destination: URL) throws {
        let fm = FileManager.default
        do {
            if !isFolder {
                try fm.createDirectory(at: destination.deletingLastPathComponent(), withIntermediateDirectories: true)
                try get(digest).write(to: destination)
                return
            }
            guard let manifest = JSONValue.parse(String(decoding: try get(digest), as: UTF8.self))?.objectValue else {
                throw WorkspaceError.failed("blob \(digest) is not a folder manifest")
            }
            for (relative, value) in manifest {
                guard let fileDigest = value.stringValue else { continue }
                let target = destination.appendingPathComponent(relative)
                try fm.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
                try get(fileDigest).write(to: target)
            }
        } catch let error as WorkspaceError {
            throw error
        } catch {
            throw WorkspaceError.failed("cannot write \(destination.path): \(error.localizedDescription)")
        }
    }

    private func readFile(_ url: URL) throws -> Data {
        do { return try Data(contentsOf: url) } catch {
            throw WorkspaceError.failed("cannot read \(url.path): \(error.localizedDescription)")
        }
    }
}
