import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An exclusive advisory lock (`flock(2)`) on a small file in the state home, held by one process
/// at a time. The kernel drops it when the holder closes it, exits or is killed (even `kill -9`),
/// so a crashed process never leaves a stale lock behind. The descriptor is close-on-exec, so
/// child processes (jobs, the scoring host) do not inherit it.
public final class FileLock {
    /// The lock file.
    public let url: URL
    private var descriptor: Int32

    private init(url: URL, descriptor: Int32) {
        self.url = url
        self.descriptor = descriptor
    }

    deinit { release() }

    /// Waits up to `timeout` seconds for the lock; nil when another process still holds it then.
    public static func acquire(at url: URL, timeout: TimeInterval) throws -> FileLock? {
        let fd = try openFile(url)
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            if flock(fd, LOCK_EX | LOCK_NB) == 0 { return FileLock(url: url, descriptor: fd) }
            let failure = errno
            guard failure == EWOULDBLOCK || failure == EINTR else {
                close(fd)
                throw FileLockError(path: url.path, reason: String(cString: strerror(failure)))
            }
            if Date() >= deadline {
                close(fd)
                return nil
            }
            usleep(5_000)
        }
    }

    /// Takes the lock when it is free; nil at once when another process holds it.
    public static func tryAcquire(at url: URL) throws -> FileLock? {
        try acquire(at: url, timeout: 0)
    }

    /// Replaces the file's contents (e.g. who holds the lock), for others to read with `contents(of:)`.
    public func record(_ text: String) {
        guard descriptor >= 0 else { return }
        _ = ftruncate(descriptor, 0)
        let bytes = Array(text.utf8)
        _ = bytes.withUnsafeBytes { pwrite(descriptor, $0.baseAddress, $0.count, 0) }
    }

    /// What the holder recorded in the lock file, if anything.
    public static func contents(of url: URL) -> String? {
        guard let data = FileManager.default.contents(atPath: url.path), !data.isEmpty else { return nil }
        return String(decoding: data, as: UTF8.self)
    }

    /// Gives the lock up (also done when the object goes away or the process ends).
    public func release() {
        guard descriptor >= 0 else { return }
        flock(descriptor, LOCK_UN)
        close(descriptor)
        descriptor = -1
    }

    private static func openFile(_ url: URL) throws -> Int32 {
        let fd = open(url.path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw FileLockError(path: url.path, reason: String(cString: strerror(errno))) }
        return fd
    }
}

/// A lock file that cannot be opened or locked.
public struct FileLockError: Error, Equatable, CustomStringConvertible {
    public let path: String
    public let reason: String
    public var description: String { "cannot lock \(path): \(reason)" }
}
