import Foundation
import Primitives

/// The relationship between features and label changes from a given day: in a request file replayed
/// with `mlopslab traffic --label-delay ...`, the label of a seeded share of the rows from that day on is
/// swapped to the other class. The inputs keep their distribution, so data drift signals stay quiet; only
/// model performance, measured once the late labels arrive, shows the model is now wrong.
struct ConceptDriftLateLabelsFault: FaultKind {
    let name = "concept-drift-late-labels"
    let summary = "From a given simulated day on, a seeded share of a two-class label column in a production request file is swapped to the other class (the inputs are unchanged): data drift signals stay quiet, and only model performance on the late-arriving labels reveals the change."
    let parameters = [
        FaultParameter("file", "the CSV of production requests with the label column (comma-separated, a header line, no quoted fields)"),
        FaultParameter("label", "the label column; it must hold exactly two values"),
        FaultParameter("from_day", "the first simulated day whose rows change (row k is sent on day k / per_day)"),
        FaultParameter("per_day", "rows sent per simulated day when the file is replayed"),
        FaultParameter("share", required: false, "share of those rows whose label is swapped, 0 to 1 (default 0.6)"),
        FaultParameter("seed", required: false, "seed for the choice of rows (default 1)"),
    ]

    func apply(_ arguments: FaultArguments, to sandbox: LabSandbox) throws {
        let file = try arguments.string("file")
        let label = try arguments.string("label")
        let fromDay = try arguments.double("from_day"), perDay = try arguments.int("per_day")
        let share = try arguments.optionalDouble("share") ?? 0.6
        guard perDay > 0, fromDay >= 0, (0...1).contains(share) else {
            throw LabError.failed("fault \(name): per_day must be at least 1, from_day at least 0 and share between 0 and 1")
        }
        var random = SplitMix64(seed: UInt64(truncatingIfNeeded: try arguments.optionalInt("seed") ?? 1))
        var lines = try sandbox.read(file).components(separatedBy: "\n")
        let trailingNewline = lines.last == ""
        if trailingNewline { lines.removeLast() }
        guard let header = lines.first, let column = header.components(separatedBy: ",").firstIndex(of: label) else {
            throw LabError.failed("fault \(name): \(file) has no column \(label)")
        }
        var rows = lines.dropFirst().map { $0.components(separatedBy: ",") }
        let classes = Array(Set(rows.compactMap { column < $0.count ? $0[column] : nil })).sorted()
        guard classes.count == 2, let first = classes.first, let second = classes.last else {
            throw LabError.failed("fault \(name): \(label) must hold exactly two values, found \(classes.count)")
        }
        let firstRow = Int((fromDay * Double(perDay)).rounded(.up))
        guard firstRow < rows.count else {
            throw LabError.failed("fault \(name): day \(fromDay) starts after the last row of \(file) (\(rows.count) rows at \(perDay) a day)")
        }
        for r in firstRow..<rows.count where column < rows[r].count {
            let draw = Double(random.next() >> 11) / Double(1 << 53)
            if draw < share { rows[r][column] = rows[r][column] == first ? second : first }
        }
        let body = ([header] + rows.map { $0.joined(separator: ",") }).joined(separator: "\n")
        try sandbox.write(file, trailingNewline ? body + "\n" : body)
    }
}
