import Foundation
import MLCore

/// A CSV file of the working folder as parsed values plus its original lines, so data faults can pick
/// rows by value and write the chosen rows back byte for byte (no reformatting of numbers).
struct CSVRows {
    let table: Table
    let header: String
    /// One line per data row, in file order.
    let rows: [String]

    init(_ relative: String, in sandbox: LabSandbox) throws {
        let text = try sandbox.read(relative)
        do { table = try CSVReader.parse(text: text, path: relative) } catch {
            throw LabError.failed("\(relative) is not a readable CSV file: \(error)")
        }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.hasSuffix("\r") ? String($0.dropLast()) : String($0) }
            .filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
        guard let first = lines.first, lines.count - 1 == table.rowCount else {
            throw LabError.failed("\(relative): data faults need one record per line (no line breaks inside quoted fields)")
        }
        header = first
        rows = Array(lines.dropFirst())
    }

    /// The text values of a column, one per row (nil = missing).
    func values(_ column: String) throws -> [String?] {
        guard let found = table.column(named: column) else {
            throw LabError.failed("the CSV file has no column `\(column)` (columns: \(table.columnNames.joined(separator: ", ")))")
        }
        return found.strings
    }

    static func render(header: String, rows: [String]) -> String {
        ([header] + rows).joined(separator: "\n") + "\n"
    }
}

extension FaultArguments {
    /// A share in 0...1 (default when absent).
    func share(_ name: String, default fallback: Double) throws -> Double {
        let value = try optionalDouble(name) ?? fallback
        guard value >= 0, value <= 1 else { throw LabError.failed("fault \(kind): `\(name)` must be between 0 and 1") }
        return value
    }

    /// Command lines to run after the fault's change (`then:`), e.g. the retraining that consumes changed data.
    func followUps(_ sandbox: LabSandbox) throws {
        guard values["then"] != nil else { return }
        for line in try strings("then") { try sandbox.mustRun(line) }
    }
}

/// The optional `then` parameter shared by the faults that change data.
let thenParameter = FaultParameter("then", required: false,
                                   "mlopslab command lines run after the change (e.g. the retraining or registration that consumed the changed data)")
