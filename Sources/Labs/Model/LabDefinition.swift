import Exam
import Foundation
import Workspace

/// A lab as its `lab.yaml` describes it.
public struct LabDefinition: Sendable {
    public var id: String
    public var title: String
    public var version: Int
    public var areas: [String]
    public var objectives: [String]
    public var difficulty: Difficulty
    public var minutes: Int
    /// Minutes after which the score is frozen; nil for no limit.
    public var timeLimit: Int?
    /// Share of the points needed to pass.
    public var passMark: Double
    /// Share of a check's weight that each hint shown costs.
    public var hintCost: Double
    public var brief: String
    public var setup: LabSetup
    public var faults: [FaultSpec]
    public var tasks: [LabTask]
    public var decisions: [Question]
    public var solution: LabSolution
    /// The lab's folder.
    public var folder: URL

    public var checks: [LabCheck] { tasks.flatMap(\.checks) }

    /// Points available: every check's weight plus every decision's point.
    public var maximumPoints: Double { checks.reduce(0) { $0 + $1.weight } + Double(decisions.count) }
}

/// Files copied and commands run to build a lab's starting state.
public struct LabSetup: Sendable {
    public var files: [FileCopy]
    public var commands: [SourcedLine]
}

/// A file or folder of the lab copied into the working folder.
public struct FileCopy: Sendable, Equatable {
    public var from: String
    public var to: String
    public var line: Int
}

/// A command line with the line of `lab.yaml` it came from.
public struct SourcedLine: Sendable, Equatable {
    public var text: String
    public var line: Int
}

/// A fault from the catalogue with its parameters.
public struct FaultSpec: Sendable {
    public var kind: String
    public var arguments: FaultArguments
    public var line: Int
}

/// A group of checks the learner works towards.
public struct LabTask: Sendable {
    public var id: String
    public var title: String
    public var checks: [LabCheck]
}

/// One graded condition on the workspace or the working files.
public struct LabCheck: Sendable {
    public var id: String
    public var kind: CheckKind
    public var comparator: Comparator?
    public var weight: Double
    public var area: String
    public var objective: String
    /// What the learner sees when the check fails.
    public var message: String
    public var hints: [String]
    public var line: Int
}

/// What a check looks at.
public enum CheckKind: Sendable {
    /// `az <command> -o json`, narrowed by an optional JMESPath query.
    case az(command: String, query: String?)
    /// An mlopslab command line; JSON output is narrowed by `query`, other output compared as text.
    case command(command: String, query: String?)
    /// Jobs created after setup that match `where` and have `status`.
    case job(where: String?, status: String, count: Int)
    /// A file of the working folder, as text or (with `query`) as YAML/JSON.
    case file(path: String, query: String?)
    /// No secret in these files or folders of the working folder (all when empty).
    case noSecrets(paths: [String])

    public static let names = ["az", "command", "job", "file", "no_secrets"]
}

/// How a check's observed value is judged.
public enum Comparator: Sendable, Equatable {
    case equals(JSONValue)
    case notEquals(JSONValue)
    case contains(JSONValue)
    case notContains(JSONValue)
    case atLeast(Double)
    case atMost(Double)
    case matches(String)
    case notMatches(String)
    case exists(Bool)
    case succeeds(Bool)

    public static let keys = ["equals", "not_equals", "contains", "not_contains", "at_least", "at_most", "matches", "not_matches", "exists", "succeeds"]
}

/// The reference solution: what fixes the lab, and why.
public struct LabSolution: Sendable {
    public var explanation: String
    public var steps: [SolutionStep]
    /// Reference answers to the decisions, by decision id, in the REPL answer syntax.
    public var decisions: [String: String]
}

/// One step of a reference solution.
public enum SolutionStep: Sendable, Equatable {
    case run(String, line: Int)
    case copy(from: String, to: String, line: Int)
    case edit(file: String, replace: String, with: String, line: Int)
    case write(file: String, content: String, line: Int)

    public var line: Int {
        switch self {
        case .run(_, let line), .copy(_, _, let line), .edit(_, _, _, let line), .write(_, _, let line): return line
        }
    }

    /// How the step reads to a learner.
    public var summary: String {
        switch self {
        case .run(let command, _): return command
        case .copy(let from, let to, _): return "copy \(from) to \(to)"
        case .edit(let file, let replace, let with, _): return "edit \(file): replace `\(replace)` with `\(with)`"
        case .write(let file, let content, _): return "write \(file):\n" + content
        }
    }
}
