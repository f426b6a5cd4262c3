import Foundation

/// Where the scoring host of a state home listens: `<home>/serving/host.json` holds its pid and port.
/// The port is kept after the host stops so a restarted host takes the same one and scoring URIs stay valid.
public struct ServingHostRecord: Codable, Sendable, Equatable {
    public var pid: Int32
    public var port: Int
    public var startedAt: String

    public init(pid: Int32, port: Int, startedAt: String) {
        self.pid = pid
        self.port = port
        self.startedAt = startedAt
    }
}

/// Paths and addresses of the serving host.
public enum ServingAddress {
    /// `<home>/serving`.
    public static func folder(home: URL) -> URL { home.appendingPathComponent("serving", isDirectory: true) }

    /// `<home>/serving/host.json`.
    public static func recordURL(home: URL) -> URL { folder(home: home).appendingPathComponent("host.json") }

    /// The last host record written (nil before the first start).
    public static func record(home: URL) -> ServingHostRecord? {
        guard let data = try? Data(contentsOf: recordURL(home: home)) else { return nil }
        return try? JSONDecoder().decode(ServingHostRecord.self, from: data)
    }

    /// Writes the host record atomically.
    public static func write(_ record: ServingHostRecord, home: URL) throws {
        try FileManager.default.createDirectory(at: folder(home: home), withIntermediateDirectories: true)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        try encoder.encode(record).write(to: recordURL(home: home), options: .atomic)
    }

    /// `http://127.0.0.1:<port>` of the host. Before the host first starts, a free loopback port is reserved
    /// in the record (pid 0) so scoring URIs are stable; the host binds it when it starts.
    public static func base(home: URL) -> String {
        if let record = record(home: home) { return "http://127.0.0.1:\(record.port)" }
        let port = freeLoopbackPort()
        try? write(ServingHostRecord(pid: 0, port: port, startedAt: ""), home: home)
        return "http://127.0.0.1:\(port)"
    }

    /// A port the OS reports free on 127.0.0.1 (0 when none could be found).
    static func freeLoopbackPort() -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return 0 }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0 else { return 0 }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let named = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        guard named == 0 else { return 0 }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// The folder a deployment's model, code and logs live in.
    public static func deploymentFolder(home: URL, scope: String, endpoint: String, deployment: String) -> URL {
        let safeScope = scope.map { $0.isLetter || $0.isNumber || $0 == "-" ? $0 : "_" }
        return folder(home: home).appendingPathComponent(String(safeScope)).appendingPathComponent(endpoint).appendingPathComponent(deployment)
    }
}
