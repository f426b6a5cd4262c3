import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Workspace

/// Writes served inputs and outputs of a deployment with `data_collector` enabled, in the shared layout:
/// `<home>/collected/<workspace>/<endpoint>/<deployment>/<model_inputs|model_outputs>/<yyyy>/<MM>/<dd>/<HH>/data.jsonl`,
/// one `{"correlationid", "time", "data"}` object per row, timed on the simulated clock (UTC).
public struct DataCollector: Sendable {
    public let root: URL
    public let collectInputs: Bool
    public let collectOutputs: Bool
    /// Open hour files, so a request costs one `write(2)` per collection instead of an open/seek/write/close
    /// plus a directory walk (that tripled the host's CPU per request under `mlopslab traffic`).
    private let files = OpenHourFiles()

    public init(home: URL, workspace: String, endpoint: String, deployment: String, settings: JSONValue) {
        root = home.appendingPathComponent("collected").appendingPathComponent(workspace).appendingPathComponent(endpoint).appendingPathComponent(deployment)
        func enabled(_ name: String) -> Bool {
            guard let collection = settings["collections"]?[name] else { return false }
            let flag = collection["enabled"]
            return flag == .bool(true) || flag?.stringValue?.lowercased() == "true"
        }
        collectInputs = enabled("model_inputs")
        collectOutputs = enabled("model_outputs")
    }

    /// Whether anything is collected.
    public var isEnabled: Bool { collectInputs || collectOutputs }

    /// Appends the request's rows.
    public func collect(payload: ScoringPayload, outputs: [[String: JSONValue]], correlationId: String, at time: Date) {
        let stamp = JSONValue.quote(SimulatedClock.isoString(time))
        let id = JSONValue.quote(correlationId)
        if collectInputs {
            let lines = payload.rows.map { row -> String in
                var data: [String: JSONValue] = [:]
                for (index, column) in payload.columns.enumerated() where index < row.count { data[column] = row[index] }
                return "{\"correlationid\": \(id), \"time\": \(stamp), \"data\": \(JSONValue.object(data).compact())}"
            }
            append(lines, collection: "model_inputs", at: time)
        }
        if collectOutputs {
            let lines = outputs.map { "{\"correlationid\": \(id), \"time\": \(stamp), \"data\": \(JSONValue.object($0).compact())}" }
            append(lines, collection: "model_outputs", at: time)
        }
    }

    /// `<collection>/<yyyy>/<MM>/<dd>/<HH>/data.jsonl` for a time.
    public func file(collection: String, at time: Date) -> URL {
        root.appendingPathComponent(collection).appendingPathComponent(DataCollector.hourPath(time)).appendingPathComponent("data.jsonl")
    }

    /// `yyyy/MM/dd/HH` of a time, UTC (gmtime_r; a Calendar per request was measurable).
    static func hourPath(_ time: Date) -> String {
        var seconds = time_t(time.timeIntervalSince1970.rounded(.down))
        var parts = tm()
        gmtime_r(&seconds, &parts)
        func two(_ v: Int32) -> String { v < 10 ? "0\(v)" : "\(v)" }
        return "\(parts.tm_year + 1900)/\(two(parts.tm_mon + 1))/\(two(parts.tm_mday))/\(two(parts.tm_hour))"
    }

    private func append(_ lines: [String], collection: String, at time: Date) {
        guard !lines.isEmpty else { return }
        let url = file(collection: collection, at: time)
        files.append(Array((lines.joined(separator: "\n") + "\n").utf8), to: url)
    }
}

/// Append-mode descriptors of the hour files a deployment writes, kept open (at most a few per collection)
/// and closed when the collector is dropped (deployment reloaded or host stopped).
final class OpenHourFiles: @unchecked Sendable {
    private let lock = NSLock()
    private var handles: [String: Int32] = [:]
    private var order: [String] = []
    static let limit = 8

    deinit { for fd in handles.values { close(fd) } }

    func append(_ bytes: [UInt8], to url: URL) {
        lock.lock()
        defer { lock.unlock() }
        let path = url.path
        var fd = handles[path] ?? -1
        if fd < 0 {
            try? FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
            guard fd >= 0 else { return }
            handles[path] = fd
            order.append(path)
            while order.count > OpenHourFiles.limit {
                let oldest = order.removeFirst()
                if let old = handles.removeValue(forKey: oldest) { close(old) }
            }
        }
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            if written < 0 && errno == EINTR { continue }
            guard written > 0 else { return }
            offset += written
        }
    }
}
