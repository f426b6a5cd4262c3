import Foundation
import Primitives
import Yams

/// Test rows copied into the training file: a model evaluated on that test set has seen part of it,
/// so its held-out metric is inflated.
struct LeakedValidationRowsFault: FaultKind {
    let name = "leaked-validation-rows"
    let summary = "A seeded share of the test file's rows is appended to the training CSV (and optionally registered as the data asset's next version): a model trained on it has seen those test rows, so its test-set metric is inflated."
    let parameters = [
        FaultParameter("train", "the training CSV in the working folder (rows are appended)"),
        FaultParameter("test", "the test (or validation) CSV whose rows leak; same columns"),
        FaultParameter("share", required: false, "share of the test rows that leak, 0..1 (default 0.5)"),
        FaultParameter("seed", required: false, "seed choosing the rows (default 1)"),
        FaultParameter("data_asset", required: false, "a data asset name: the leaked file is registered as its next version (uri_file)"),
        FaultParameter("description", required: false, "description of that data version"),
        thenParameter,
    ]

    func apply(_ arguments: FaultArguments, to sandbox: LabSandbox) throws {
        let trainFile = try arguments.string("train")
        let testFile = try arguments.string("test")
        let share = try arguments.share("share", default: 0.5)
        var random = SplitMix64(seed: UInt64(try arguments.optionalInt("seed") ?? 1))
        let train = try CSVRows(trainFile, in: sandbox)
        let test = try CSVRows(testFile, in: sandbox)
        guard train.table.columnNames == test.table.columnNames else {
            throw LabError.failed("\(trainFile) and \(testFile) must have the same columns in the same order")
        }
        let count = Int((share * Double(test.rows.count)).rounded())
        let chosen = random.permutation(test.rows.count).prefix(count).sorted()
        let leaked = chosen.compactMap { test.rows.indices.contains($0) ? test.rows[$0] : nil }
        try sandbox.write(trainFile, CSVRows.render(header: train.header, rows: train.rows + leaked))
        if let asset = try arguments.optionalString("data_asset") {
            let description = try arguments.optionalString("description").map { " --description \(LabShellQuote.quote($0))" } ?? ""
            try sandbox.mustRun("az ml data create -n \(asset) --type uri_file --path \(LabShellQuote.quote(trainFile))\(description) -o none")
        }
        try arguments.followUps(sandbox)
    }
}

/// A job input pinned to a data version is changed to `@latest`: whatever version is registered next
/// silently becomes the job's training data.
struct LatestDataReferenceFault: FaultKind {
    let name = "latest-data-reference"
    let summary = "A job's data input pinned to azureml:name:version is changed to azureml:name@latest: the next registered version (a refresh, a bad extract) silently becomes the training data, and reruns are no longer reproducible."
    let parameters = [
        FaultParameter("file", "the job YAML in the working folder"),
        FaultParameter("input", "the input whose path changes (inputs.<input>.path must be azureml:name:version)"),
        FaultParameter("register", required: false, "a working file registered as that asset's next version after the change (uri_file)"),
        thenParameter,
    ]

    func apply(_ arguments: FaultArguments, to sandbox: LabSandbox) throws {
        let file = try arguments.string("file")
        let input = try arguments.string("input")
        let document: Any?
        do { document = try Yams.load(yaml: try sandbox.read(file)) } catch {
            throw LabError.failed("\(file) is not valid YAML: \(error)")
        }
        let inputs = (document as? [String: Any])?["inputs"] as? [String: Any]
        let path = (inputs?[input] as? [String: Any])?["path"] as? String
        let reference = path ?? ""
        let parts = reference.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0] == "azureml", !parts[1].isEmpty, !parts[2].isEmpty else {
            throw LabError.failed("\(file): inputs.\(input).path must be an azureml:name:version reference (found \(path ?? "nothing"))")
        }
        let asset = String(parts[1])
        try sandbox.setYAMLScalar(in: file, path: "inputs.\(input).path", to: "azureml:\(asset)@latest")
        if let register = try arguments.optionalString("register") {
            try sandbox.mustRun("az ml data create -n \(asset) --type uri_file --path \(LabShellQuote.quote(register)) -o none")
        }
        try arguments.followUps(sandbox)
    }
}

/// Quotes a word for the lab command-line tokenizer when it needs it.
enum LabShellQuote {
    static func quote(_ text: String) -> String {
        if !text.isEmpty, text.allSatisfy({ $0.isLetter || $0.isNumber || "-_./:@=".contains($0) }) { return text }
        return "'" + text.replacingOccurrences(of: "'", with: "'\"'\"'") + "'"
    }
}
