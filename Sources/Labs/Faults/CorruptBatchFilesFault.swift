import Foundation
import Primitives

/// Some CSV files of a batch input folder get a malformed line, as an interrupted or concatenated export
/// leaves them: a truncated record (fewer fields than the header) or the header repeated mid-file (text in
/// numeric columns). Batch scoring fails each such file's whole mini-batch; with a low error_threshold the
/// job fails. Deleting the inserted lines restores the files exactly.
struct CorruptBatchFilesFault: FaultKind {
    let name = "corrupt-batch-files"
    let summary = "Seeded CSV files of a batch input folder get one malformed line each (a truncated record or a repeated header mid-file): batch scoring fails the mini-batch holding each such file, so the job fails once more files fail than error_threshold allows."
    let parameters = [
        FaultParameter("folder", "the folder of CSV files in the working folder (each with a header line)"),
        FaultParameter("count", "how many files to corrupt"),
        FaultParameter("seed", required: false, "seed for the choice of files and lines (default 1)"),
    ] + FollowUpCommands.parameters

    func apply(_ arguments: FaultArguments, to sandbox: LabSandbox) throws {
        let folder = try arguments.string("folder")
        let count = try arguments.int("count")
        var random = SplitMix64(seed: UInt64(truncatingIfNeeded: try arguments.optionalInt("seed") ?? 1))
        let url = try sandbox.file(folder)
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? [])
            .filter { $0.hasSuffix(".csv") && !$0.hasPrefix(".") }.sorted()
        guard count >= 1, count <= names.count else {
            throw LabError.failed("fault \(name): `count` must be between 1 and the \(names.count) CSV files of \(folder)")
        }
        var chosen = names
        for i in stride(from: chosen.count - 1, to: 0, by: -1) {
            let j = Int(random.next() % UInt64(i + 1))
            chosen.swapAt(i, j)
        }
        for (index, fileName) in chosen.prefix(count).sorted().enumerated() {
            let relative = folder + "/" + fileName
            try sandbox.write(relative, try Self.corrupt(try sandbox.read(relative), style: index % 2, random: &random, file: relative))
        }
        try FollowUpCommands.run(arguments, in: sandbox)
    }

    /// Inserts one malformed line after a data row: style 0 a truncated copy of that row, style 1 the header again.
    static func corrupt(_ text: String, style: Int, random: inout SplitMix64, file: String) throws -> String {
        var lines = text.components(separatedBy: "\n")
        let trailingNewline = lines.last == ""
        if trailingNewline { lines.removeLast() }
        guard lines.count >= 3, let header = lines.first else {
            throw LabError.failed("fault corrupt-batch-files: \(file) needs a header and at least two data rows")
        }
        let after = 1 + Int(random.next() % UInt64(lines.count - 2))     // a data row that is not the last one
        let inserted: String
        if style == 0 {
            let fields = lines[after].components(separatedBy: ",")
            let keep = max(1, min(fields.count - 1, 2 + Int(random.next() % 3)))
            inserted = fields.prefix(keep).joined(separator: ",")
        } else {
            inserted = header
        }
        lines.insert(inserted, at: after + 1)
        let body = lines.joined(separator: "\n")
        return trailingNewline ? body + "\n" : body
    }
}
