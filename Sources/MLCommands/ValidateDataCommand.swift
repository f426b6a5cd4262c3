import ArgumentParser
import CLICore
import Foundation
import MLCore

/// `mlopslab ml validate-data`: checks data against a contract and looks for leakage.
public struct ValidateDataCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "validate-data",
        abstract: "Validate a CSV file against a schema (or infer one) and check for leakage; prints JSON.",
        discussion: """
        Without --schema the schema is inferred from the data (kinds, nullability, ranges, categories) and can be \
        saved with --schema-output to validate later batches. Exits with status 1 when a rule is broken or \
        leakage is found, so a pipeline step fails.
        """
    )

    @Option(help: "Data to validate (CSV).")
    var data: String
    @Option(help: "Schema (JSON) to validate against; default: infer it from the data.")
    var schema: String?
    @Option(help: "Write the (inferred or given) schema to this JSON file.")
    var schemaOutput: String?
    @Option(help: "Key columns whose values must be unique, comma-separated.")
    var key: String?
    @Option(help: "Label column: check for features that predict it almost perfectly (target leakage).")
    var label: String?
    @Option(help: "Target-leakage threshold on single-feature predictive power (0..1).")
    var leakageThreshold: Double = 0.95
    @Option(help: "Another split (CSV, e.g. the test set): count rows shared with --data.")
    var against: String?
    @Option(help: "Id column to compare between --data and --against.")
    var id: String?
    @Option(help: "Extra text read as missing, comma-separated (e.g. '?').")
    var naValues: String?

    public init() {}

    public func run() throws {
        let na = CommandSupport.list(naValues) ?? []
        var contract: DataSchema
        var kinds: [String: ColumnKind] = [:]
        if let schema {
            contract = try SchemaFile.read(schema)
            for column in contract.columns where column.kind != .numeric { kinds[column.name] = column.kind }
        } else {
            contract = DataSchema(columns: [])
        }
        let table = try CommandSupport.readTable(data, naValues: na, kinds: kinds)
        if schema == nil { contract = DataSchema.infer(from: table) }
        if let keys = CommandSupport.list(key) { contract.key = keys }
        let violations = SchemaValidator.validate(table, against: contract)
        var report = ValidationReport(data: data, rows: table.rowCount, schemaSource: schema ?? "inferred", violations: violations)
        if let label {
            report.targetLeakage = try LeakageDetector.targetLeakage(table, label: label, threshold: leakageThreshold)
        }
        if let against {
            let other = try CommandSupport.readTable(against, naValues: na)
            report.splitLeakage = try LeakageDetector.splitLeakage(table, other, idColumn: id)
        }
        if let schemaOutput { try SchemaFile.write(contract, to: schemaOutput) }
        let leaks = (report.targetLeakage?.count ?? 0) + (report.splitLeakage.map { $0.sharedRows + ($0.sharedIds ?? 0) } ?? 0)
        report.valid = violations.isEmpty && leaks == 0
        var metrics: [String: Double] = ["violations": Double(violations.count), "rows": Double(table.rowCount)]
        if let split = report.splitLeakage { metrics["shared_rows"] = Double(split.sharedRows) }
        if let suspects = report.targetLeakage { metrics["target_leakage_suspects"] = Double(suspects.count) }
        var params = ["data": data, "schema": schema ?? "inferred"]
        if let label { params["label"] = label }
        if let against { params["against"] = against }
        let json = try JSONOutput.encode(report)
        try CommandSupport.logRun(command: "ml validate-data", params: params, metrics: metrics,
                                  artifacts: schemaOutput.map { [($0, URL(fileURLWithPath: $0).lastPathComponent)] } ?? [],
                                  report: ("validation.json", json))
        CommandContext.active.console.line(json)
        for violation in violations { CommandContext.active.console.writeError("violation: \(violation.message)\n") }
        if !report.valid { throw ExitCode(1) }
    }
}

/// The JSON `ml validate-data` prints.
struct ValidationReport: Encodable {
    var data: String
    var rows: Int
    var schemaSource: String
    var valid = true
    var violations: [Violation]
    var targetLeakage: [TargetLeakSuspect]?
    var splitLeakage: SplitLeakage?

    enum CodingKeys: String, CodingKey {
        case data, rows, valid, violations
        case schemaSource = "schema", targetLeakage = "target_leakage", splitLeakage = "split_leakage"
    }
}

/// Reads and writes schema files (JSON, snake_case keys).
enum SchemaFile {
    static func read(_ path: String) throws -> DataSchema {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CLIError.unreadableFile(path: path, reason: "no such file")
        }
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        do {
            return try decoder.decode(DataSchema.self, from: data)
        } catch {
            throw CLIError.invalidInput("\(path) is not a valid schema file: \(error.localizedDescription); write one with 'ml validate-data --schema-output'")
        }
    }

    static func write(_ schema: DataSchema, to path: String) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        do {
            try encoder.encode(schema).write(to: URL(fileURLWithPath: path))
        } catch {
            throw CLIError.unwritableFile(path: path, reason: error.localizedDescription)
        }
    }
}
