import Foundation

/// A `create_monitor:` block: the deployment watched, its signals, and what an alert does.
public struct MonitorSpec: Sendable {
    /// One `monitoring_signals` entry.
    public struct Signal: Sendable {
        public var name: String
        public var type: String
        public var referencePath: String?
        public var targetColumn: String?
        public var predictionColumn: String
        public var productionContext: String
        public var windowSize: TimeInterval?
        public var windowOffset: TimeInterval
        public var features: [String]?
        public var numericalThresholds: [String: Double]
        public var categoricalThresholds: [String: Double]
        public var performanceThresholds: [String: Double]
        /// `metric_thresholds.normalized_discounted_cumulative_gain` of a feature_attribution_drift signal.
        public var attributionThreshold: Double?
        public var alertEnabled: Bool
    }

    public static let signalTypes = ["data_drift", "prediction_drift", "data_quality", "feature_attribution_drift", "model_performance"]

    public var endpoint: String
    public var deployment: String
    public var signals: [Signal]
    /// Simulator extension: `alert_notification.retraining_job: ./retrain.yml` is submitted when an alert fires.
    public var retrainingJob: String?
    public var emails: [String]

    public init(_ spec: JSONValue) throws {
        guard let target = spec["monitoring_target"]?["endpoint_deployment_id"]?.stringValue else {
            throw WorkspaceError.invalidArgument("create_monitor.monitoring_target.endpoint_deployment_id is required (azureml:<endpoint>:<deployment>); monitoring by model_id alone is not simulated")
        }
        let parts = target.split(separator: ":").map(String.init)
        guard parts.count == 3, parts[0] == "azureml" else {
            throw WorkspaceError.invalidArgument("invalid endpoint_deployment_id '\(target)': use azureml:<endpoint>:<deployment>")
        }
        endpoint = parts[1]
        deployment = parts[2]
        retrainingJob = spec["alert_notification"]?["retraining_job"]?.stringValue
        emails = (spec["alert_notification"]?["emails"]?.arrayValue ?? []).compactMap(\.stringValue)
        var signals: [Signal] = []
        let given = spec["monitoring_signals"]?.objectValue ?? [:]
        let entries: [(String, JSONValue)] = given.isEmpty
            ? [("data-drift", ["type": "data_drift"]), ("prediction-drift", ["type": "prediction_drift"]), ("data-quality", ["type": "data_quality"])]
            : given.sorted { $0.key < $1.key }
        for (name, body) in entries {
            guard let type = body["type"]?.stringValue, MonitorSpec.signalTypes.contains(type) else {
                throw WorkspaceError.invalidArgument("monitoring signal '\(name)': type must be one of \(MonitorSpec.signalTypes.joined(separator: ", ")) (custom and generation_safety_quality are not simulated)")
            }
            // feature_attribution_drift takes a list (model_inputs and model_outputs); the first entry with a window sets it.
            let productionGiven = body["production_data"]
            let production = productionGiven?.arrayValue.map { list in list.first { $0["data_window"] != nil } ?? list.first ?? .null } ?? productionGiven
            let window = production?["data_window"]
            let reference = body["reference_data"]
            func thresholds(_ key: String) -> [String: Double] {
                (body["metric_thresholds"]?[key]?.objectValue ?? [:]).compactMapValues(\.doubleValue)
            }
            var features: [String]?
            if let list = body["features"]?.arrayValue { features = list.compactMap(\.stringValue) }
            signals.append(Signal(
                name: name, type: type, referencePath: reference?["input_data"]?["path"]?.stringValue,
                targetColumn: reference?["data_column_names"]?["target_column"]?.stringValue,
                predictionColumn: reference?["data_column_names"]?["prediction_column"]?.stringValue ?? "prediction",
                productionContext: type == "feature_attribution_drift" ? "model_inputs"
                    : production?["data_context"]?.stringValue ?? (type == "prediction_drift" ? "model_outputs" : "model_inputs"),
                windowSize: try window?["lookback_window_size"]?.stringValue.map(MonitorSpec.duration),
                windowOffset: try window?["lookback_window_offset"]?.stringValue.map(MonitorSpec.duration) ?? 0,
                features: features, numericalThresholds: thresholds("numerical"), categoricalThresholds: thresholds("categorical"),
                performanceThresholds: thresholds("classification").merging(thresholds("regression")) { a, _ in a },
                attributionThreshold: body["metric_thresholds"]?[FeatureAttributionDrift.metric]?.doubleValue,
                alertEnabled: body["alert_enabled"].map { $0 != .bool(false) } ?? true))
        }
        self.signals = signals
    }

    /// ISO 8601 durations as Azure takes them: `P7D`, `P1W`, `PT12H`, `P0D`.
    static func duration(_ text: String) throws -> TimeInterval {
        let upper = text.uppercased()
        guard upper.hasPrefix("P") else { throw badDuration(text) }
        var total = 0.0, number = "", inTime = false
        for ch in upper.dropFirst() {
            if ch == "T" { inTime = true; continue }
            if ch.isNumber || ch == "." { number.append(ch); continue }
            guard let value = Double(number) else { throw badDuration(text) }
            switch (ch, inTime) {
            case ("W", false): total += value * 604800
            case ("D", false): total += value * 86400
            case ("H", true): total += value * 3600
            case ("M", true): total += value * 60
            case ("S", true): total += value
            default: throw badDuration(text)
            }
            number = ""
        }
        guard number.isEmpty else { throw badDuration(text) }
        return total
    }

    static func badDuration(_ text: String) -> WorkspaceError {
        .invalidArgument("invalid lookback window '\(text)': use an ISO 8601 duration such as P7D, P1W or PT12H")
    }
}
