import Foundation
import MLCore

/// What happened to one mini-batch.
public struct MiniBatchOutcome: Sendable, Equatable {
    public var index: Int
    public var files: [String]
    public var rows: Int
    public var attempts: Int
    public var seconds: Double
    /// The last error when every attempt failed; nil on success.
    public var error: String?
    public var succeeded: Bool { error == nil }
}

/// The result of scoring every mini-batch of one batch job.
public struct BatchScoringResult: Sendable {
    public var miniBatches: [MiniBatchOutcome]
    /// The appended output (header plus one line per scored row), in mini-batch order; empty for summary_only.
    public var output: [UInt8]
    public var seconds: Double

    public var rowsScored: Int { miniBatches.filter(\.succeeded).reduce(0) { $0 + $1.rows } }
    public var failedFiles: Int { miniBatches.filter { !$0.succeeded }.reduce(0) { $0 + $1.files.count } }
    public var succeededFiles: Int { miniBatches.filter(\.succeeded).reduce(0) { $0 + $1.files.count } }
}

/// Scores input files with an MLflow-format model in mini-batches on every core, as Azure ML's
/// batch deployments do for MLflow models (no scoring script): each mini-batch is `mini_batch_size`
/// files; a file that cannot be read or lacks the model's columns fails its whole mini-batch, which
/// is retried `max_retries` times. Output lines are `file,prediction[,probability]`.
public struct BatchScorer: Sendable {
    public let model: TrainedModel
    public let settings: BatchSettings

    public init(model: TrainedModel, settings: BatchSettings) {
        self.model = model
        self.settings = settings
    }

    /// Splits `files` (sorted by name) into mini-batches.
    public func miniBatches(_ files: [URL]) -> [[URL]] {
        let sorted = files.sorted { $0.path < $1.path }
        return stride(from: 0, to: sorted.count, by: settings.miniBatchSize).map {
            Array(sorted[$0..<min($0 + settings.miniBatchSize, sorted.count)])
        }
    }

    /// Scores every mini-batch, running them in parallel.
    public func run(files: [URL]) -> BatchScoringResult {
        let start = Date()
        let batches = miniBatches(files)
        let collector = OutcomeCollector(count: batches.count)
        DispatchQueue.concurrentPerform(iterations: batches.count) { index in
            let (outcome, bytes) = scoreWithRetries(batches[index], index: index)
            collector.set(index, outcome, bytes)
        }
        var output: [UInt8] = []
        if settings.outputAction == .appendRow {
            output.append(contentsOf: Array(header.utf8))
            for bytes in collector.bytes { output.append(contentsOf: bytes) }
        }
        return BatchScoringResult(miniBatches: collector.outcomes.compactMap { $0 }, output: output, seconds: Date().timeIntervalSince(start))
    }

    var header: String { model.task == .classification ? "file,prediction,probability\n" : "file,prediction\n" }

    private func scoreWithRetries(_ files: [URL], index: Int) -> (MiniBatchOutcome, [UInt8]) {
        var attempts = 0
        var lastError = ""
        let started = Date()
        while attempts <= settings.maxRetries {
            attempts += 1
            do {
                let (bytes, rows) = try score(files)
                let seconds = Date().timeIntervalSince(started)
                if seconds > Double(settings.timeout) {
                    lastError = "the mini-batch took \(String(format: "%.1f", seconds)) s, over retry_settings.timeout (\(settings.timeout) s)"
                    continue
                }
                return (MiniBatchOutcome(index: index, files: files.map(\.lastPathComponent), rows: rows, attempts: attempts, seconds: seconds, error: nil), bytes)
            } catch {
                lastError = BatchScorer.describe(error)
            }
        }
        return (MiniBatchOutcome(index: index, files: files.map(\.lastPathComponent), rows: 0, attempts: attempts,
                                 seconds: Date().timeIntervalSince(started), error: lastError), [])
    }

    /// Scores the files of one mini-batch; any failing file fails the mini-batch.
    func score(_ files: [URL]) throws -> ([UInt8], Int) {
        var kinds: [String: ColumnKind] = [:]
        for input in model.inputs { kinds[input.name] = input.kind }
        var out: [UInt8] = []
        var rows = 0
        for file in files {
            let table = try CSVReader.read(path: file.path, options: CSVReadOptions(columnKinds: kinds))
            let (predictions, _) = try model.predict(table: table)
            let name = Array(file.lastPathComponent.utf8)
            out.reserveCapacity(out.count + table.rowCount * (name.count + 24))
            switch model.task {
            case .regression:
                for value in predictions.values {
                    out.append(contentsOf: name); out.append(44)
                    out.append(contentsOf: Array(Column.format(value).utf8)); out.append(10)
                }
            case .classification:
                let labels = model.label.predictionColumn(name: "prediction", classIndices: predictions.classIndices)
                let k = predictions.classCount
                for row in 0..<table.rowCount {
                    let cls = predictions.classIndices[row]
                    let probability = k == 2 ? predictions.probabilities[row * 2 + 1] : predictions.probabilities[row * k + cls]
                    out.append(contentsOf: name); out.append(44)
                    BatchScorer.appendField(labels.text(at: row) ?? "", to: &out); out.append(44)
                    out.append(contentsOf: Array(Column.format(probability).utf8)); out.append(10)
                }
            }
            rows += table.rowCount
        }
        return (out, rows)
    }

    /// Appends a CSV field, quoted when it holds a comma, quote or line break.
    static func appendField(_ text: String, to out: inout [UInt8]) {
        let bytes = Array(text.utf8)
        guard bytes.contains(where: { $0 == 44 || $0 == 34 || $0 == 10 || $0 == 13 }) else { out.append(contentsOf: bytes); return }
        out.append(34)
        for byte in bytes {
            if byte == 34 { out.append(34) }
            out.append(byte)
        }
        out.append(34)
    }

    static func describe(_ error: Error) -> String {
        if let csv = error as? CSVError { return csv.message }
        if let user = error as? WorkspaceError { return user.message }
        return String(describing: error)
    }
}

/// Collects per-mini-batch results from parallel workers.
private final class OutcomeCollector: @unchecked Sendable {
    private let lock = NSLock()
    var outcomes: [MiniBatchOutcome?]
    var bytes: [[UInt8]]

    init(count: Int) {
        outcomes = Array(repeating: nil, count: count)
        bytes = Array(repeating: [], count: count)
    }

    func set(_ index: Int, _ outcome: MiniBatchOutcome, _ data: [UInt8]) {
        lock.lock(); defer { lock.unlock() }
        outcomes[index] = outcome
        bytes[index] = data
    }
}
