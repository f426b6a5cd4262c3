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

    /// `http://127.0.0.1:<port>` of the host (port 0 until the host first started).
    public static func base(home: URL) -> String {
        "http://127.0.0.1:\(record(home: home)?.port ?? 0)"
    }

    /// The folder a deployment's model, code and logs live in.
    public static func deploymentFolder(home: URL, scope: String, endpoint: String, deployment: String) -> URL {
        let safeScope = scope.map { $0.isLetter || $0.isNumber || $0 == "-" ? $0 : "_" }
        return folder(home: home).appendingPathComponent(String(safeScope)).appendingPathComponent(endpoint).appendingPathComponent(deployment)
    }
}
