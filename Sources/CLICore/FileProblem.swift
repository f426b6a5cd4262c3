import Foundation

/// Turns Foundation's file errors ("The file doesn't exist.", "(NSCocoaErrorDomain error 512.)")
/// into the reason a learner can act on, naming the path involved.
public enum FileProblem {
    /// Why `error` happened at `path`, in words: the POSIX reason Foundation wraps, with the
    /// folder it concerns.
    public static func reason(_ error: any Error, at path: String) -> String {
        let nsError = error as NSError
        let failedPath = (nsError.userInfo[NSFilePathErrorKey] as? String) ?? path
        guard let code = posixCode(of: error) else { return nsError.localizedDescription }
        let parent = (failedPath as NSString).deletingLastPathComponent
        switch code {
        case EISDIR: return "\(failedPath) is a folder"
        case ENOTDIR: return "a part of \(failedPath) is a file, not a folder"
        case ENOENT: return "\(parent) does not exist or does not allow new entries"
        case EACCES, EPERM: return "permission denied in \(parent)"
        case EROFS: return "\(parent) is on a read-only file system"
        case ENOSPC: return "no space left on the device of \(parent)"
        default: return "\(String(cString: strerror(code))) (\(failedPath))"
        }
    }

    /// The errno behind a Foundation file error (wrapped as its underlying error), if any.
    static func posixCode(of error: any Error) -> Int32? {
        if let posix = error as? POSIXError { return posix.code.rawValue }
        let nsError = error as NSError
        if nsError.domain == NSPOSIXErrorDomain { return Int32(truncatingIfNeeded: nsError.code) }
        if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? any Error { return posixCode(of: underlying) }
        return nil
    }

    /// Writes `text` to `path` (relative to the current folder), refusing a folder up front.
    /// - Parameter example: a file name to suggest when `path` is a folder (`scorecard.html`).
    /// - Returns: the absolute file written.
    public static func write(_ text: String, toPath path: String, example: String) throws -> URL {
        let url = URL(fileURLWithPath: path, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath)).standardizedFileURL
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder), isFolder.boolValue {
            throw CLIError.unwritableFile(path: url.path, reason: "it is a folder; give a file name, e.g. --out \(url.appendingPathComponent(example).path)")
        }
        do {
            try Data(text.utf8).write(to: url, options: .atomic)
        } catch {
            throw CLIError.unwritableFile(path: url.path, reason: reason(error, at: url.path))
        }
        return url
    }
}
