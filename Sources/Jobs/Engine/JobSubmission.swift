import Foundation

/// A parsed job YAML on its way to the engine.
public struct JobSubmission: Sendable {
    /// The parsed YAML.
    public var job: ParsedJob
    /// The folder of the YAML file: relative paths (`code`, local inputs, component files) resolve here.
    public var baseDirectory: URL
    /// `--name`; wins over the YAML's `name`.
    public var nameOverride: String?
    /// Used when the YAML has no `experiment_name` (az uses the current folder's name).
    public var defaultExperimentName: String

    public init(job: ParsedJob, baseDirectory: URL, nameOverride: String? = nil, defaultExperimentName: String = "Default") {
        self.job = job
        self.baseDirectory = baseDirectory
        self.nameOverride = nameOverride
        self.defaultExperimentName = defaultExperimentName
    }
}

/// A job that passed every submit-time check (schema, bindings, references) and is ready to run.
public struct PreparedJob: Sendable {
    /// `--name`, else the YAML's `name`, else a generated `adjective_noun_suffix`.
    public let name: String
    /// `display_name`, or the name.
    public let displayName: String
    /// `experiment_name`, or the submission's default.
    public let experimentName: String
    /// `command`, `pipeline` or `sweep`.
    public let type: String
    /// `compute` as written (nil: the workspace default, serverless).
    public let compute: String?
    /// The parsed job.
    public let spec: JobSpec
    /// "not simulated yet" notes to show the learner next to the created job.
    public let warnings: [SchemaIssue]
    /// The job's folder (created when it runs).
    public let sandbox: URL
    /// Input name → the literal value, or the data path with asset versions resolved (for the job JSON and lineage).
    public let inputs: [String: String]
    /// Registered assets the job reads (`azureml:name:version`), for lineage.
    public let assetReferences: [String]
    /// Pipeline steps in the order they run (empty for other job types).
    public let stepOrder: [String]
    /// SHA-256 of the `code:` folder's content (command jobs and sweep trials), for lineage.
    public let codeHash: String?
    let plan: JobPlan

    /// The record the engine creates for the job itself when it runs (`.created`), so a caller can
    /// record the job before handing it to another process.
    public var recordInfo: JobRecordInfo { plan.recordInfo }
}

enum JobPlan: Sendable {
    case command(CommandRun)
    case pipeline(PipelinePlan)
    case sweep(SweepPlan)

    var recordInfo: JobRecordInfo {
        switch self {
        case .command(let run): return run.info
        case .pipeline(let pipeline): return pipeline.info
        case .sweep(let sweep): return sweep.info
        }
    }
}

/// Generates Azure-style job names (`adjective_noun_suffix`).
public enum JobNameGenerator {
    static let adjectives = ["amber", "bold", "brave", "calm", "clever", "cool", "crisp", "eager", "frosty", "gentle", "happy", "honest", "jolly", "keen", "lively", "loyal", "lucid", "mellow", "nifty", "polite", "quick", "quiet", "shy", "silly", "sleepy", "stoic", "sunny", "tender", "tidy", "witty"]
    static let nouns = ["apple", "badger", "basket", "bell", "boot", "cactus", "candle", "carrot", "chain", "coat", "cup", "drum", "engine", "feather", "garden", "guava", "hat", "kettle", "lamp", "lemon", "lime", "mango", "nail", "oyster", "pencil", "plum", "rail", "shoe", "spoon", "tomato"]

    /// A fresh name such as `frosty_kettle_7tqf4kpwq1`.
    public static func generate() -> String {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("abcdefghijklmnopqrstuvwxyz0123456789")
        let suffix = String((0..<10).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] })
        let adjective = adjectives[Int(generator.next() % UInt64(adjectives.count))]
        let noun = nouns[Int(generator.next() % UInt64(nouns.count))]
        return "\(adjective)_\(noun)_\(suffix)"
    }

    /// Whether `name` is a valid job name (letters, digits, `_` and `-`, starting with a letter or digit).
    public static func isValid(_ name: String) -> Bool {
        guard let first = name.first, first.isASCII, first.isLetter || first.isNumber, name.count <= 255 else { return false }
        return name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == "-") }
    }
}
