import Foundation

/// One logged metric value (MLflow file-store line: `<timestamp-ms> <value> <step>`).
public struct MetricPoint: Sendable, Equatable {
    public var timestampMilliseconds: Int64
    public var value: Double
    public var step: Int64

    public init(timestampMilliseconds: Int64, value: Double, step: Int64) {
        self.timestampMilliseconds = timestampMilliseconds
        self.value = value
        self.step = step
    }
}

/// What a job logged into its run folder (`MLOPSLAB_RUN_DIR`, the MLflow file-store layout defined by
/// MLCommands' `RunLog`: `params/<key>`, `metrics/<key>`, `tags/<key>`, `artifacts/<name>`).
public struct RunRecord: Sendable, Equatable {
    /// `params/<key>` values.
    public var params: [String: String]
    /// Metric name → every logged point in file order.
    public var metrics: [String: [MetricPoint]]
    /// `tags/<key>` values.
    public var tags: [String: String]
    /// Paths under `artifacts/`, relative, sorted.
    public var artifacts: [String]

    public init(params: [String: String] = [:], metrics: [String: [MetricPoint]] = [:], tags: [String: String] = [:], artifacts: [String] = []) {
        self.params = params
        self.metrics = metrics
        self.tags = tags
        self.artifacts = artifacts
    }

    /// The last logged value of `metric` (what Azure ML and MLflow show as the metric's value).
    public func latestValue(of metric: String) -> Double? {
        metrics[metric]?.last?.value
    }

    /// Reads a run folder. Missing sub-folders mean nothing was logged; unreadable lines are skipped
    /// and listed in `problems` (as `path:line: reason`).
    public static func read(from folder: URL) -> (record: RunRecord, problems: [String]) {
        var record = RunRecord()
        var problems: [String] = []
        record.params = readValues(folder.appendingPathComponent("params"))
        record.tags = readValues(folder.appendingPathComponent("tags"))
        let metricsFolder = folder.appendingPathComponent("metrics")
        for (key, file) in files(under: metricsFolder) {
            guard let text = try? String(contentsOf: file, encoding: .utf8) else {
                problems.append("\(file.path): cannot be read as UTF-8 text")
                continue
            }
            var points: [MetricPoint] = []
            for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                let fields = line.split(separator: " ", omittingEmptySubsequences: true)
                if fields.isEmpty { continue }
                guard fields.count >= 2, let timestamp = Int64(fields[0]), let value = Double(fields[1]) else {
                    problems.append("\(file.path):\(index + 1): expected \"<timestamp-ms> <value> <step>\", found \"\(line.prefix(60))\"")
                    continue
                }
                let step = fields.count >= 3 ? (Int64(fields[2]) ?? 0) : 0
                points.append(MetricPoint(timestampMilliseconds: timestamp, value: value, step: step))
            }
            record.metrics[key] = points
        }
        record.artifacts = files(under: folder.appendingPathComponent("artifacts")).map(\.key).sorted()
        return (record, problems)
    }

    private static func readValues(_ folder: URL) -> [String: String] {
        var values: [String: String] = [:]
        for (key, file) in files(under: folder) {
            if let text = try? String(contentsOf: file, encoding: .utf8) {
                values[key] = text.hasSuffix("\n") ? String(text.dropLast()) : text
            }
        }
        return values
    }

    /// Regular files below `folder` keyed by their relative path (`a/b` for nested keys).
    private static func files(under folder: URL) -> [(key: String, url: URL)] {
        let base = folder.standardizedFileURL.path
        guard let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey]) else { return [] }
        var result: [(key: String, url: URL)] = []
        for case let url as URL in enumerator {
            guard (try? url.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true else { continue }
            let path = url.standardizedFileURL.path
            guard path.hasPrefix(base + "/") else { continue }
            result.append((String(path.dropFirst(base.count + 1)), url))
        }
        return result.sorted { $0.key < $1.key }
    }
}
