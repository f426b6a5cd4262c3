import ArgumentParser
import CLICore
import Foundation
import MLCore
import Primitives

/// `mlopslab ml split`: deterministic train/test split of a CSV file.
public struct SplitCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "split",
        abstract: "Split a CSV file into train and test files: random (seeded), stratified or time-based; prints JSON.",
        discussion: "Rows keep their file order within each output. The same seed gives the same split on every machine."
    )

    @Option(help: "Data to split (CSV).")
    var data: String
    @Option(help: "Where to write the training rows (CSV).")
    var trainOutput: String
    @Option(help: "Where to write the test rows (CSV).")
    var testOutput: String
    @Option(help: "Share of rows in the test part (0..1).")
    var testFraction: Double = 0.2
    @Option(help: "Seed of the random split.")
    var seed: UInt64 = 0
    @Option(help: "Stratify by this column (each value keeps its share in both parts).")
    var stratify: String?
    @Option(help: "Time-based split: order by this column (numbers, or text such as ISO dates); the latest rows are the test part.")
    var timeColumn: String?
    @Option(help: "Extra text read as missing, comma-separated (e.g. '?').")
    var naValues: String?

    public init() {}

    public func run() throws {
        guard testFraction > 0, testFraction < 1 else {
            throw CLIError.invalidInput("--test-fraction must be between 0 and 1 (exclusive), got \(testFraction)")
        }
        if stratify != nil, timeColumn != nil {
            throw CLIError.invalidInput("choose either --stratify or --time-column, not both")
        }
        let table = try CommandSupport.readTable(data, naValues: CommandSupport.list(naValues) ?? [])
        guard table.rowCount >= 2 else { throw TableError.emptyTable(path: data) }
        let method: String
        let parts: (train: [Int], test: [Int])
        var rng = SplitMix64(seed: seed)
        if let timeColumn {
            method = "time"
            parts = try Splitter.timeSplit(table, column: timeColumn, testFraction: testFraction)
        } else if let stratify {
            method = "stratified"
            let strings = try table.requireColumn(stratify).strings
            var index: [String: Int] = [:]
            let strata = strings.map { s -> Int in
                let key = s ?? "\u{0}"
                if let i = index[key] { return i }
                index[key] = index.count
                return index.count - 1
            }
            parts = Splitter.trainTestSplit(n: table.rowCount, testFraction: testFraction, strata: strata, rng: &rng)
        } else {
            method = "random"
            parts = Splitter.trainTestSplit(n: table.rowCount, testFraction: testFraction, rng: &rng)
        }
        try CSVWriter.write(try table.selecting(rows: parts.train), to: trainOutput)
        try CSVWriter.write(try table.selecting(rows: parts.test), to: testOutput)
        let report = SplitReport(method: method, seed: method == "time" ? nil : seed, rows: table.rowCount,
                                 trainRows: parts.train.count, testRows: parts.test.count,
                                 trainOutput: trainOutput, testOutput: testOutput)
        var params = ["data": data, "method": method, "test_fraction": String(testFraction), "seed": String(seed)]
        if let stratify { params["stratify"] = stratify }
        if let timeColumn { params["time_column"] = timeColumn }
        try CommandSupport.logRun(command: "ml split", params: params,
                                  metrics: ["train_rows": Double(parts.train.count), "test_rows": Double(parts.test.count)],
                                  artifacts: [(trainOutput, URL(fileURLWithPath: trainOutput).lastPathComponent),
                                              (testOutput, URL(fileURLWithPath: testOutput).lastPathComponent)])
        try CommandSupport.printJSON(report)
    }
}

/// The JSON `ml split` prints.
struct SplitReport: Encodable {
    var method: String
    var seed: UInt64?
    var rows: Int
    var trainRows: Int
    var testRows: Int
    var trainOutput: String
    var testOutput: String

    enum CodingKeys: String, CodingKey {
        case method, seed, rows
        case trainRows = "train_rows", testRows = "test_rows", trainOutput = "train_output", testOutput = "test_output"
    }
}
