import Foundation
import Primitives

extension SHA256Hasher {
    /// Adds a file's or folder's content: relative paths and bytes of every regular file, in sorted order.
    mutating func updateContent(of url: URL) {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder) else {
            update("missing:\(url.path)\n")
            return
        }
        if !isFolder.boolValue {
            update("file\n")
            if let data = try? Data(contentsOf: url) { update(data) }
            return
        }
        let base = url.standardizedFileURL.path
        var files: [(String, URL)] = []
        if let enumerator = FileManager.default.enumerator(at: url, includingPropertiesForKeys: [.isRegularFileKey]) {
            for case let item as URL in enumerator where (try? item.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true {
                let path = item.standardizedFileURL.path
                files.append((path.hasPrefix(base) ? String(path.dropFirst(base.count)) : path, item))
            }
        }
        for (relative, item) in files.sorted(by: { $0.0 < $1.0 }) {
            update("\(relative)\n")
            if let data = try? Data(contentsOf: item) {
                update("\(data.count)\n")
                update(data)
            }
        }
    }
}

/// The content hash lineage records for a job's `code:` folder.
public enum CodeHash {
    /// SHA-256 (hex) of a file's or folder's content: relative paths and bytes, in sorted order.
    public static func of(_ url: URL) -> String {
        var hasher = SHA256Hasher()
        hasher.updateContent(of: url)
        return hasher.finalizeHex()
    }
}
