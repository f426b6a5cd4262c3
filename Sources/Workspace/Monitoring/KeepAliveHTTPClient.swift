import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A small blocking HTTP/1.1 client holding one keep-alive connection to a loopback port, for
/// `mlopslab traffic` (tens of thousands of requests: URLSession's per-request set-up on Linux cost more
/// than the scoring itself). It speaks only what the scoring host answers: `Content-Length` or chunked
/// bodies, no TLS, no redirects. One instance per thread.
public final class KeepAliveHTTPClient {
    /// One answer.
    public struct Reply: Sendable {
        public var status: Int
        /// Response headers, names lower-cased.
        public var headers: [String: String]
        public var body: [UInt8]
        public var text: String { String(decoding: body, as: UTF8.self) }
    }

    let port: UInt16
    let timeoutSeconds: Int
    private var fd: Int32 = -1
    private var buffer: [UInt8] = []
    private var start = 0

    /// A client for `127.0.0.1:port`; the connection opens on the first request.
    public init(port: Int, timeoutSeconds: Int = 30) throws {
        guard (1...65535).contains(port) else { throw WorkspaceError.invalidArgument("invalid port \(port)") }
        self.port = UInt16(port)
        self.timeoutSeconds = timeoutSeconds
        buffer.reserveCapacity(16384)
    }

    deinit { disconnect() }

    /// Closes the connection (the next request opens a new one).
    public func disconnect() {
        if fd >= 0 { close(fd) }
        fd = -1
        buffer.removeAll(keepingCapacity: true)
        start = 0
    }

    private func connectIfNeeded() throws {
        guard fd < 0 else { return }
        let socketFD = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socketFD >= 0 else { throw failure("socket") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(socketFD, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else {
            let error = failure("connect to 127.0.0.1:\(port)")
            close(socketFD)
            throw error
        }
        var one: Int32 = 1
        setsockopt(socketFD, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
        var timeout = timeval(tv_sec: timeoutSeconds, tv_usec: 0)
        setsockopt(socketFD, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(socketFD, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        fd = socketFD
    }

    private func failure(_ what: String) -> WorkspaceError {
        .failed("HTTP to the scoring host failed (\(what)): \(String(cString: strerror(errno)))")
    }

    /// Sends a POST and reads the answer. A connection the server closed while idle is reopened once.
    public func post(path: String, headers: [(String, String)], body: [UInt8]) throws -> Reply {
        var head = "POST \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nContent-Length: \(body.count)\r\n"
        for (name, value) in headers { head += "\(name): \(value)\r\n" }
        head += "\r\n"
        let request = Array(head.utf8) + body
        for attempt in 0..<2 {
            try connectIfNeeded()
            do {
                try writeAll(request)
                return try readReply()
            } catch let error as ConnectionClosed {
                disconnect()
                if attempt == 1 || error.afterBytes { throw WorkspaceError.failed("the scoring host closed the connection in the middle of a reply") }
            }
        }
        throw WorkspaceError.failed("the scoring host closed the connection")
    }

    struct ConnectionClosed: Error { var afterBytes: Bool }

    private func writeAll(_ bytes: [UInt8]) throws {
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if written < 0 {
                if errno == EINTR { continue }
                if errno == EPIPE || errno == ECONNRESET { throw ConnectionClosed(afterBytes: false) }
                throw failure("send")
            }
            offset += written
        }
    }

    /// Reads more bytes into the buffer; false at end of stream.
    private func fill() throws -> Bool {
        var chunk = [UInt8](repeating: 0, count: 16384)
        while true {
            let count = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if count > 0 { buffer.append(contentsOf: chunk[0..<count]); return true }
            if count == 0 { return false }
            if errno == EINTR { continue }
            if errno == ECONNRESET { return false }
            if errno == EAGAIN || errno == EWOULDBLOCK { throw WorkspaceError.failed("the scoring host did not answer within \(timeoutSeconds) s") }
            throw failure("recv")
        }
    }

    /// Index just past the next CRLF at or after `from`, filling as needed; nil at end of stream.
    private func line(from: Int) throws -> (text: String, next: Int)? {
        var scan = from
        while true {
            while scan + 1 < buffer.count {
                if buffer[scan] == 13 && buffer[scan + 1] == 10 {
                    return (String(decoding: buffer[from..<scan], as: UTF8.self), scan + 2)
                }
                scan += 1
            }
            guard try fill() else { return nil }
        }
    }

    private func readReply() throws -> Reply {
        if start > 0 { buffer.removeFirst(start); start = 0 }
        let received = buffer.count > start
        guard let status = try line(from: start) else { throw ConnectionClosed(afterBytes: received) }
        let parts = status.text.split(separator: " ", maxSplits: 2)
        guard parts.count >= 2, parts[0].hasPrefix("HTTP/1."), let code = Int(parts[1]) else {
            throw WorkspaceError.failed("the scoring host answered something that is not HTTP/1.1: \(status.text.prefix(80))")
        }
        var cursor = status.next
        var headers: [String: String] = [:]
        while true {
            guard let header = try line(from: cursor) else { throw ConnectionClosed(afterBytes: true) }
            cursor = header.next
            if header.text.isEmpty { break }
            guard let colon = header.text.firstIndex(of: ":") else { continue }
            headers[header.text[..<colon].lowercased()] = header.text[header.text.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        var body: [UInt8] = []
        if headers["transfer-encoding"]?.lowercased().contains("chunked") == true {
            while true {
                guard let size = try line(from: cursor), let count = Int(size.text.split(separator: ";").first.map(String.init) ?? "", radix: 16) else {
                    throw ConnectionClosed(afterBytes: true)
                }
                cursor = size.next
                while buffer.count < cursor + count + 2 { guard try fill() else { throw ConnectionClosed(afterBytes: true) } }
                body.append(contentsOf: buffer[cursor..<(cursor + count)])
                cursor += count + 2
                if count == 0 { break }
            }
        } else {
            let length = Int(headers["content-length"] ?? "0") ?? 0
            while buffer.count < cursor + length { guard try fill() else { throw ConnectionClosed(afterBytes: true) } }
            body = Array(buffer[cursor..<(cursor + length)])
            cursor += length
        }
        start = cursor
        if start == buffer.count { buffer.removeAll(keepingCapacity: true); start = 0 }
        if headers["connection"]?.lowercased() == "close" { disconnect() }
        return Reply(status: code, headers: headers, body: body)
    }
}
