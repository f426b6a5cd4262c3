import Crypto
import Foundation

/// SHA-256 through swift-crypto, with the hex output the workspace, jobs and model artifacts use.
public struct SHA256Hasher {
    private var hash = Crypto.SHA256()

    public init() {}

    public mutating func update<Bytes: Sequence>(_ bytes: Bytes) where Bytes.Element == UInt8 {
        if let done = bytes.withContiguousStorageIfAvailable({ buffer -> Bool in
            hash.update(bufferPointer: UnsafeRawBufferPointer(buffer))
            return true
        }), done { return }
        hash.update(data: Array(bytes))
    }

    public mutating func update(_ text: String) { update(Array(text.utf8)) }

    public mutating func update(_ data: Data) { hash.update(data: data) }

    /// The digest as 64 lowercase hex digits.
    public func finalizeHex() -> String {
        hash.finalize().map { String(format: "%02x", $0) }.joined()
    }

    public static func hex<Bytes: Sequence>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        var hasher = SHA256Hasher()
        hasher.update(bytes)
        return hasher.finalizeHex()
    }

    public static func hex(_ text: String) -> String { hex(Array(text.utf8)) }

    /// The digest of a file's bytes, read in 1 MiB chunks; nil when it cannot be read.
    public static func hexDigest(ofFile path: String) -> String? {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        var hasher = SHA256Hasher()
        while true {
            let chunk: Data?
            do { chunk = try handle.read(upToCount: 1 << 20) } catch { return nil }
            guard let chunk, !chunk.isEmpty else { break }
            hasher.update(chunk)
        }
        return hasher.finalizeHex()
    }
}
