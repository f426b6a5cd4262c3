import Foundation
import Workspace

/// Writes served inputs and outputs of a deployment with `data_collector` enabled, in the shared layout:
/// `<home>/collected/<workspace>/<endpoint>/<deployment>/<model_inputs|model_outputs>/<yyyy>/<MM>/<dd>/<HH>/data.jsonl`,
/// one `{"correlationid", "time", "data"}` object per row, timed on the simulated clock (UTC).
public struct DataCollector: Sendable {
    public let root: URL
    public let collectInputs: Bool
    public let collectOutputs: Bool
    private static let lock = NSLock()

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
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? .current
        let c = calendar.dateComponents([.year, .month, .day, .hour], from: time)
        func two(_ v: Int?) -> String { let s = String(v ?? 0); return s.count < 2 ? "0" + s : s }
        return root.appendingPathComponent(collection).appendingPathComponent(String(c.year ?? 1970)).appendingPathComponent(two(c.month))
            .appendingPathComponent(two(c.day)).appendingPathComponent(two(c.hour)).appendingPathComponent("data.jsonl")
    }

    private func append(_ lines: [String], collection: String, at time: Date) {
        guard !lines.isEmpty else { return }
        let url = file(collection: collection, at: time)
        let data = Data((lines.joined(separator: "\n") + "\n").utf8)
        DataCollector.lock.lock()
        defer { DataCollector.lock.unlock() }
        try? FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        if let handle = try? FileHandle(forWritingTo: url) {
            _ = try? handle.seekToEnd()
            try? handle.write(contentsOf: data)
            try? handle.close()
        } else {
            try? data.write(to: url)
        }
    }
}
