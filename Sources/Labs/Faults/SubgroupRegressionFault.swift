import Foundation
import Primitives

/// A training extract that lost most positive examples of one group (a faulty dedup or "rebalancing"
/// step): a model trained on it scores well overall but under-predicts the positive class for that group.
struct SubgroupRegressionFault: FaultKind {
    let name = "subgroup-regression"
    let summary = "A seeded share of one group's positive rows in a training CSV is dropped (or relabelled negative): a model trained on it can still score better overall, but its true positive rate for that group collapses, a real fairness gap."
    let parameters = [
        FaultParameter("file", "the training CSV in the working folder"),
        FaultParameter("column", "the sensitive column (e.g. sex)"),
        FaultParameter("group", "the group whose positives are lost (e.g. Female)"),
        FaultParameter("label", "the label column"),
        FaultParameter("positive", "the positive label value (e.g. >50K)"),
        FaultParameter("negative", required: false, "the negative label value; needed with mode flip"),
        FaultParameter("mode", required: false, "drop (default: the rows are removed) or flip (relabelled negative)"),
        FaultParameter("share", required: false, "share of that group's positive rows affected, 0..1 (default 0.8)"),
        FaultParameter("seed", required: false, "seed choosing the rows (default 1)"),
        thenParameter,
    ]

    func apply(_ arguments: FaultArguments, to sandbox: LabSandbox) throws {
        let file = try arguments.string("file")
        let column = try arguments.string("column")
        let group = try arguments.string("group")
        let label = try arguments.string("label")
        let positive = try arguments.string("positive")
        let mode = try arguments.optionalString("mode") ?? "drop"
        guard mode == "drop" || mode == "flip" else { throw LabError.failed("fault \(name): `mode` must be drop or flip") }
        let negative = try arguments.optionalString("negative")
        if mode == "flip", negative == nil { throw LabError.failed("fault \(name): mode flip needs `negative`") }
        let share = try arguments.share("share", default: 0.8)
        var random = SplitMix64(seed: UInt64(try arguments.optionalInt("seed") ?? 1))
        let csv = try CSVRows(file, in: sandbox)
        let groups = try csv.values(column)
        let labels = try csv.values(label)
        let candidates = csv.rows.indices.filter { groups[$0] == group && labels[$0] == positive }
        guard !candidates.isEmpty else { throw LabError.failed("\(file) has no row with \(column)=\(group) and \(label)=\(positive)") }
        let count = Int((share * Double(candidates.count)).rounded())
        let affected = Set(random.permutation(candidates.count).prefix(count).compactMap { candidates.indices.contains($0) ? candidates[$0] : nil })
        var rows: [String] = []
        for (index, row) in csv.rows.enumerated() {
            guard affected.contains(index) else { rows.append(row); continue }
            if mode == "drop" { continue }
            rows.append(try relabel(row, labelIndex: csv.table.columnNames.firstIndex(of: label), from: positive, to: negative ?? ""))
        }
        try sandbox.write(file, CSVRows.render(header: csv.header, rows: rows))
        try arguments.followUps(sandbox)
    }

    /// The row with its label field replaced (fields split on commas; quoted labels are refused).
    private func relabel(_ row: String, labelIndex: Int?, from positive: String, to negative: String) throws -> String {
        var fields = row.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        guard let labelIndex, fields.indices.contains(labelIndex), fields[labelIndex] == positive else {
            throw LabError.failed("fault \(name): mode flip needs unquoted fields without commas")
        }
        fields[labelIndex] = negative
        return fields.joined(separator: ",")
    }
}
