import ArgumentParser
import CLICore
import Foundation
import MLCore

/// What the `ml` commands share: reading tables, printing JSON, logging runs.
enum CommandSupport {
    /// Reads a CSV file; `naValues` are extra missing-value markers (e.g. `?`).
    static func readTable(_ path: String, naValues: [String] = [], kinds: [String: ColumnKind] = [:]) throws -> Table {
        var options = CSVReadOptions(columnKinds: kinds)
        options.missingValues.formUnion(naValues)
        return try CSVReader.read(path: path, options: options)
    }

    /// Reads data for `model`: its categorical inputs are read as categories whatever their text looks like.
    static func readTable(_ path: String, naValues: String?, for model: TrainedModel) throws -> Table {
        let kinds = Dictionary(model.inputs.filter { $0.kind == .categorical }.map { ($0.name, ColumnKind.categorical) },
                               uniquingKeysWith: { a, _ in a })
        return try readTable(path, naValues: list(naValues) ?? [], kinds: kinds)
    }

    /// Prints a value as the commands' JSON on stdout.
    static func printJSON<T: Encodable>(_ value: T) throws {
        let text = try JSONOutput.encode(value)
        CommandContext.active.console.line(text)
    }

    /// Prints a warning line on stderr (stdout stays pure JSON).
    static func warn(_ text: String) {
        CommandContext.active.console.writeError("warning: \(text)\n")
    }

    /// Splits a comma-separated list option.
    static func list(_ value: String?) -> [String]? {
        guard let value, !value.isEmpty else { return nil }
        return value.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// Logs params, metrics and artifacts when the command runs as a job step; returns the run log.
    @discardableResult
    /// `report` is the command's JSON output, saved as the artifact `report.name` (e.g. `validation.json`).
    static func logRun(command: String, params: [String: String], metrics: [String: Double], artifacts: [(path: String, name: String)],
                       report: (name: String, json: String)? = nil) throws -> RunLog? {
        guard let log = RunLog.current() else { return nil }
        try log.setTag("mlopslab.command", command)
        try log.logParams(params)
        try log.logMetrics(metrics.filter { $0.value.isFinite })
        for artifact in artifacts { try log.logArtifact(at: artifact.path, as: artifact.name) }
        if let report { try log.logText(report.json, as: report.name) }
        return log
    }
}

extension Algorithm: ExpressibleByArgument {}
extension TaskKind: ExpressibleByArgument {}
extension PreprocessingOptions.Imputation: ExpressibleByArgument {}
extension GradientBoostingOptions.EarlyStopping: ExpressibleByArgument {}
