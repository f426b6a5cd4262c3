import Foundation
import Workspace

/// A production request file (replayed with `mlopslab traffic`) drifts from a given simulated day on:
/// a column is shifted, scaled or replaced in every row sent from that day, as when an upstream form or
/// a new customer segment changes what the model receives. The endpoint keeps answering; its inputs
/// no longer look like the training data.
struct ProductionDriftFault: FaultKind {
    let name = "production-drift"
    let summary = "From a given simulated day on, a column of a production request file (the rows `mlopslab traffic` replays, per_day rows a day) is shifted, scaled or replaced: the deployment keeps answering, but the inputs it receives no longer match the training distribution."
    let parameters = [
        FaultParameter("file", "the CSV of production requests in the working folder (comma-separated, a header line, no quoted fields)"),
        FaultParameter("drift", "one or more recipes COLUMN:ACTION=VALUE@day=D as `mlopslab traffic --drift` reads them (shift = standard deviations, add, scale, set)"),
        FaultParameter("per_day", "rows sent per simulated day when the file is replayed (row k is sent on day k / per_day)"),
    ]

    func apply(_ arguments: FaultArguments, to sandbox: LabSandbox) throws {
        let file = try arguments.string("file")
        let perDay = try arguments.int("per_day")
        guard perDay > 0 else { throw LabError.failed("fault \(name): `per_day` must be at least 1") }
        let recipes: [DriftRecipe]
        do { recipes = try arguments.strings("drift").map(DriftRecipe.init) } catch {
            throw LabError.failed("fault \(name): \(error)")
        }
        try sandbox.write(file, try Self.drift(try sandbox.read(file), recipes: recipes, perDay: perDay, file: file))
    }

    static func drift(_ text: String, recipes: [DriftRecipe], perDay: Int, file: String) throws -> String {
        var lines = text.components(separatedBy: "\n")
        let trailingNewline = lines.last == ""
        if trailingNewline { lines.removeLast() }
        guard let header = lines.first else { throw LabError.failed("fault production-drift: \(file) is empty") }
        if text.contains("\"") { throw LabError.failed("fault production-drift: \(file) has quoted fields; use a plain comma-separated file") }
        let columns = header.components(separatedBy: ",")
        var rows = lines.dropFirst().map { $0.components(separatedBy: ",") }
        for (index, row) in rows.enumerated() where row.count != columns.count {
            throw LabError.failed("fault production-drift: \(file):\(index + 2) has \(row.count) fields, the header \(columns.count)")
        }
        for recipe in recipes {
            guard let c = columns.firstIndex(of: recipe.column) else {
                throw LabError.failed("fault production-drift: \(file) has no column \(recipe.column) (columns: \(columns.joined(separator: ", ")))")
            }
            let numbers = rows.compactMap { Double($0[c]) }
            let std = standardDeviation(numbers)
            let firstRow = Int((recipe.day * Double(perDay)).rounded(.up))
            guard firstRow < rows.count else {
                throw LabError.failed("fault production-drift: day \(recipe.day) starts at row \(firstRow + 1), after the last row of \(file) (\(rows.count) rows at \(perDay) a day)")
            }
            for r in firstRow..<rows.count {
                rows[r][c] = drifted(rows[r][c], action: recipe.action, std: std)
            }
        }
        let body = ([header] + rows.map { $0.joined(separator: ",") }).joined(separator: "\n")
        return trailingNewline ? body + "\n" : body
    }

    static func drifted(_ cell: String, action: DriftRecipe.Action, std: Double) -> String {
        if case .set(let value) = action { return value }
        guard let number = Double(cell) else { return cell }
        let value: Double
        switch action {
        case .shift(let k): value = number + k * std
        case .add(let v): value = number + v
        case .scale(let v): value = number * v
        case .set: return cell
        }
        return format(value, integral: !cell.contains(".") && value.rounded() == value)
    }

    static func format(_ value: Double, integral: Bool) -> String {
        if integral, abs(value) < 1e15 { return String(Int(value)) }
        var text = String(format: "%.4f", value)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }

    static func standardDeviation(_ values: [Double]) -> Double {
        guard values.count > 1 else { return 0 }
        let mean = values.reduce(0, +) / Double(values.count)
        return (values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count - 1)).squareRoot()
    }
}
