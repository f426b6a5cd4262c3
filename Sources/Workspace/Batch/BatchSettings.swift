import Foundation

/// The `settings:` block of a batch deployment (defaults as Azure ML documents them).
public struct BatchSettings: Sendable, Equatable {
    /// What the job writes: every scored row (`append_row`) or only the summary (`summary_only`).
    public enum OutputAction: String, Sendable, Equatable {
        case appendRow = "append_row"
        case summaryOnly = "summary_only"
    }

    /// Files per mini-batch (default 10).
    public var miniBatchSize: Int = 10
    /// Parallel scoring workers per instance (default 1; the simulator runs mini-batches on every core).
    public var maxConcurrencyPerInstance: Int = 1
    /// Instances of the compute cluster (default 1).
    public var instanceCount: Int = 1
    /// Attempts after the first failure of a mini-batch (default 3).
    public var maxRetries: Int = 3
    /// Seconds a mini-batch may take (default 30).
    public var timeout: Int = 30
    /// Failed files tolerated before the job fails; -1 ignores every failure (default -1).
    public var errorThreshold: Int = -1
    public var outputAction: OutputAction = .appendRow
    /// Name of the appended file (default predictions.csv).
    public var outputFileName: String = "predictions.csv"
    public var loggingLevel: String = "info"

    public init() {}

    /// Reads a deployment JSON (`settings:` block, or the legacy form with the fields at the root).
    public init(deployment: JSONValue) throws {
        let settings = deployment["settings"] ?? deployment
        func int(_ key: String, in value: JSONValue?) throws -> Int? {
            guard let raw = value?[key], raw != .null else { return nil }
            guard let number = raw.intValue else {
                throw WorkspaceError.invalidArgument("batch deployment field '\(key)' must be an integer, got \(raw.compact())")
            }
            return Int(number)
        }
        if let v = try int("mini_batch_size", in: settings) ?? int("mini_batch_size", in: deployment) {
            guard v > 0 else { throw WorkspaceError.invalidArgument("mini_batch_size must be at least 1 (files per mini-batch), got \(v)") }
            miniBatchSize = v
        }
        if let v = try int("max_concurrency_per_instance", in: settings) {
            guard v > 0 else { throw WorkspaceError.invalidArgument("max_concurrency_per_instance must be at least 1, got \(v)") }
            maxConcurrencyPerInstance = v
        }
        if let v = try int("instance_count", in: deployment["resources"]) {
            guard v > 0 else { throw WorkspaceError.invalidArgument("resources.instance_count must be at least 1, got \(v)") }
            instanceCount = v
        }
        let retry = settings["retry_settings"] ?? deployment["retry_settings"]
        if let v = try int("max_retries", in: retry) {
            guard v >= 0 else { throw WorkspaceError.invalidArgument("retry_settings.max_retries must be 0 or more, got \(v)") }
            maxRetries = v
        }
        if let v = try int("timeout", in: retry) {
            guard v > 0 else { throw WorkspaceError.invalidArgument("retry_settings.timeout must be a positive number of seconds, got \(v)") }
            timeout = v
        }
        if let v = try int("error_threshold", in: settings) ?? int("error_threshold", in: deployment) {
            guard v >= -1 else { throw WorkspaceError.invalidArgument("error_threshold must be -1 (ignore failures) or a count of failed files, got \(v)") }
            errorThreshold = v
        }
        if let text = (settings["output_action"] ?? deployment["output_action"])?.stringValue {
            guard let action = OutputAction(rawValue: text.lowercased()) else {
                throw WorkspaceError.invalidArgument("output_action must be append_row or summary_only, got '\(text)'")
            }
            outputAction = action
        }
        if let name = (settings["output_file_name"] ?? deployment["output_file_name"])?.stringValue {
            guard !name.isEmpty, !name.contains("/") else {
                throw WorkspaceError.invalidArgument("output_file_name must be a plain file name such as predictions.csv, got '\(name)'")
            }
            outputFileName = name
        }
        if let level = settings["logging_level"]?.stringValue { loggingLevel = level }
    }

    /// The `settings` block as the deployment JSON shows it.
    public var json: JSONValue {
        [
            "error_threshold": .int(Int64(errorThreshold)), "logging_level": .string(loggingLevel),
            "max_concurrency_per_instance": .int(Int64(maxConcurrencyPerInstance)), "mini_batch_size": .int(Int64(miniBatchSize)),
            "output_action": .string(outputAction.rawValue), "output_file_name": .string(outputFileName),
            "retry_settings": ["max_retries": .int(Int64(maxRetries)), "timeout": .int(Int64(timeout))],
        ]
    }
}
