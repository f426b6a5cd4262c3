import Foundation

/// Resolves local paths named in commands and YAML files and refuses the ones that leave the
/// allowed roots: the working folder, the YAML file's folder and the state home. `..` segments,
/// absolute paths and symbolic links are resolved before the check, so none of them can escape.
public struct PathGuard: Sendable {
    /// Absolute, symlink-resolved folders a path may live in.
    public let roots: [String]

    public init(roots: [URL]) {
        self.roots = roots.map { PathGuard.realPath($0.standardizedFileURL.path) }
    }

    /// Resolves `path` against `base` (the YAML file's folder or the working folder) and checks it.
    /// Throws `pathMissing` when nothing is there and `pathRefused` when it escapes the roots.
    public func resolve(_ path: String, relativeTo base: URL) throws -> URL {
        let expanded = (path as NSString).expandingTildeInPath
        let joined = expanded.hasPrefix("/") ? expanded : base.appendingPathComponent(expanded).path
        let lexical = URL(fileURLWithPath: joined).standardizedFileURL.path
        guard FileManager.default.fileExists(atPath: lexical) else { throw WorkspaceError.pathMissing(path: lexical) }
        let real = PathGuard.realPath(lexical)
        guard isInsideRoots(real) else {
            let reason: String
            if real != lexical, isInsideRoots(lexical) {
                reason = "it is a symbolic link pointing outside the allowed folders (to \(real))"
            } else if path.split(separator: "/").contains("..") {
                reason = "the '..' segments lead outside the allowed folders"
            } else {
                reason = "it is outside the allowed folders"
            }
            throw WorkspaceError.pathRefused(path: path, reason: reason)
        }
        try refuseEscapingLinks(inside: real, shownAs: path)
        return URL(fileURLWithPath: real)
    }

    /// Whether an absolute path lies inside one of the roots.
    public func isInsideRoots(_ absolute: String) -> Bool {
        roots.contains { root in absolute == root || absolute.hasPrefix(root.hasSuffix("/") ? root : root + "/") }
    }

    /// A folder may contain links too: every entry must resolve inside the roots.
    private func refuseEscapingLinks(inside folder: String, shownAs shown: String) throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else { return }
        guard let enumerator = FileManager.default.enumerator(atPath: folder) else { return }
        while let relative = enumerator.nextObject() as? String {
            let full = folder + "/" + relative
            let attributes = try? FileManager.default.attributesOfItem(atPath: full)
            if attributes?[.type] as? FileAttributeType == .typeSymbolicLink {
                let target = PathGuard.realPath(full)
                if !isInsideRoots(target) {
                    throw WorkspaceError.pathRefused(path: shown + "/" + relative, reason: "it is a symbolic link pointing outside the allowed folders (to \(target))")
                }
            }
        }
    }

    /// The path with every symbolic link resolved (the path itself when it cannot be resolved).
    public static func realPath(_ path: String) -> String {
        guard let resolved = realpath(path, nil) else { return path }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}
