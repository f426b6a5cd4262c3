import Exam
import Foundation
import Store

/// Where an attempt stands: the latest check outcomes, decisions, hints and the score so far.
public struct LabProgress: Sendable {
    public var lab: LabDefinition
    public var attempt: LabAttemptRecord
    public var outcomes: [CheckOutcome]
    public var decisions: [String: String]
    public var hints: [String: Int]
    public var score: LabScore
    public var elapsed: TimeInterval
    /// The time limit has passed: checks no longer change the score.
    public var timeUp: Bool

    public var passed: Bool { score.share >= lab.passMark }
}

/// A hint, or what it will cost before it is shown.
public enum HintReply: Sendable {
    case costNotice(check: LabCheck, cost: Double, remaining: Int)
    case shown(check: LabCheck, hint: String, number: Int, cost: Double)
    case noneLeft(check: LabCheck)
    case allPassing
}

/// The learner's side of a lab: start, check, hints, decisions, solution, reset and submit, with
/// every attempt recorded in the state database.
public final class LabSession {
    public let home: URL
    let database: StateDatabase
    public let library: LabLibrary
    let runner: any LabCommandRunner
    let now: () -> Date

    public init(home: URL, database: StateDatabase, library: LabLibrary, runner: any LabCommandRunner, now: @escaping () -> Date = Date.init) {
        self.home = home.standardizedFileURL
        self.database = database
        self.library = library
        self.runner = runner
        self.now = now
    }

    // MARK: Start and reset

    /// Builds (or restores) the lab's starting state and opens an attempt. An attempt in progress on
    /// another lab is marked abandoned; its id is returned so the caller can say so.
    public func start(_ id: String) throws -> (progress: LabProgress, places: LabPlaces, abandoned: String?) {
        let lab = try library.lab(id)
        var abandoned: String?
        if let active = ActiveLab.read(home: home), var previous = try database.labAttempt(id: active.attempt), previous.status == "active" {
            previous.status = "abandoned"
            previous.endedAt = now()
            try database.updateLabAttempt(previous)
            abandoned = previous.labID
        }
        let places = LabPlaces(home: home, labID: lab.id)
        let builder = LabBuilder(lab: lab, places: places, runner: runner)
        try builder.prepare()
        builder.startHostIfServing()
        let attempt = try database.insertLabAttempt(LabAttemptRecord(labID: lab.id, labVersion: lab.version, startedAt: now()))
        guard let attemptID = attempt.id else { throw LabError.failed("the attempt was not recorded") }
        try ActiveLab(lab: lab.id, attempt: attemptID).write(home: home)
        return (progress(lab: lab, attempt: attempt), places, abandoned)
    }

    /// Puts the active lab back to its exact starting state (hints and time keep counting).
    public func reset() throws -> LabPlaces {
        let (lab, _) = try active()
        let places = LabPlaces(home: home, labID: lab.id)
        let builder = LabBuilder(lab: lab, places: places, runner: runner)
        try builder.prepare()
        builder.startHostIfServing()
        return places
    }

    // MARK: Checks, status, decisions

    /// The lab in progress and its attempt.
    public func active() throws -> (LabDefinition, LabAttemptRecord) {
        guard let marker = ActiveLab.read(home: home), let attempt = try database.labAttempt(id: marker.attempt), attempt.status == "active" else {
            throw LabError.noActiveLab
        }
        return (try library.lab(attempt.labID), attempt)
    }

    public func places() throws -> LabPlaces {
        let (lab, _) = try active()
        return LabPlaces(home: home, labID: lab.id)
    }

    /// Evaluates every check now and records the outcomes (unless the time limit has passed).
    public func check() throws -> LabProgress {
        let (lab, attempt) = try active()
        var updated = attempt
        let current = progress(lab: lab, attempt: attempt)
        let outcomes = try evaluate(lab)
        updated.checksRun += 1
        if !current.timeUp { updated.outcomes = Self.encode(outcomes) }
        try database.updateLabAttempt(updated)
        var result = progress(lab: lab, attempt: updated)
        result.outcomes = outcomes
        return result
    }

    /// The progress recorded by the last check, without evaluating anything.
    public func status() throws -> LabProgress {
        let (lab, attempt) = try active()
        return progress(lab: lab, attempt: attempt)
    }

    /// Records the answer to a decision; a malformed answer is refused with the expected format.
    public func decide(_ decisionID: String, answer: String) throws -> (question: Question, correct: Bool) {
        let (lab, attempt) = try active()
        guard let question = lab.decisions.first(where: { $0.id == decisionID }) else {
            throw LabError.failed("lab \(lab.id) has no decision `\(decisionID)`; its decisions: \(lab.decisions.map(\.id).joined(separator: ", "))")
        }
        if let problem = DecisionScoring.formatProblem(question, answer: answer) { throw LabError.failed(problem) }
        var decisions = Self.decodeMap(attempt.decisions)
        if decisions[decisionID] != nil { throw LabError.failed("decision `\(decisionID)` is already answered") }
        decisions[decisionID] = answer
        var updated = attempt
        updated.decisions = Self.encode(decisions)
        try database.updateLabAttempt(updated)
        return (question, DecisionScoring.isCorrect(question, answer: answer) == true)
    }

    /// The decisions not answered yet.
    public func pendingDecisions() throws -> [Question] {
        let (lab, attempt) = try active()
        let answered = Self.decodeMap(attempt.decisions)
        return lab.decisions.filter { answered[$0.id] == nil }
    }

    // MARK: Hints and solution

    /// The next hint for `checkID` (default: the first check that failed at the last `lab check`).
    /// Without `confirm` it only says what the hint will cost.
    public func hint(checkID: String?, confirm: Bool) throws -> HintReply {
        let (lab, attempt) = try active()
        let outcomes = Self.decodeOutcomes(attempt.outcomes)
        let failing = Set(outcomes.filter { !$0.passed }.map(\.id))
        let target: LabCheck
        if let checkID {
            guard let check = lab.checks.first(where: { $0.id == checkID }) else {
                throw LabError.failed("lab \(lab.id) has no check `\(checkID)`; its checks: \(lab.checks.map(\.id).joined(separator: ", "))")
            }
            target = check
        } else if let first = lab.checks.first(where: { outcomes.isEmpty || failing.contains($0.id) }) {
            target = first
        } else {
            return .allPassing
        }
        var hints = Self.decodeCounts(attempt.hints)
        let shown = hints[target.id] ?? 0
        guard shown < target.hints.count else { return .noneLeft(check: target) }
        let cost = lab.hintCost * target.weight
        guard confirm else { return .costNotice(check: target, cost: cost, remaining: target.hints.count - shown) }
        hints[target.id] = shown + 1
        var updated = attempt
        updated.hints = Self.encode(hints)
        try database.updateLabAttempt(updated)
        return .shown(check: target, hint: target.hints[shown], number: shown + 1, cost: cost)
    }

    /// The reference solution. Allowed after at least one `lab check`, or when the learner gives up;
    /// the attempt is then marked as solved with help.
    public func solution(giveUp: Bool) throws -> LabDefinition {
        let (lab, attempt) = try active()
        guard attempt.checksRun > 0 || giveUp else {
            throw LabError.failed("try the lab first: run `lab check` at least once, or `lab solution --give-up` to see it now (the attempt then counts as solved with help)")
        }
        var updated = attempt
        updated.solutionViewed = true
        try database.updateLabAttempt(updated)
        return lab
    }

    // MARK: Submit

    /// Evaluates the checks one last time (not after the time limit), records the score and ends the attempt.
    public func submit() throws -> LabProgress {
        let (lab, attempt) = try active()
        var updated = attempt
        if !progress(lab: lab, attempt: attempt).timeUp { updated.outcomes = Self.encode(try evaluate(lab)) }
        let result = progress(lab: lab, attempt: updated)
        updated.status = "submitted"
        updated.endedAt = now()
        updated.score = result.score.points
        updated.maxScore = result.score.maximum
        updated.areaScores = Self.encode(result.score.byArea.mapValues { $0.available > 0 ? $0.earned / $0.available : 0 })
        try database.updateLabAttempt(updated)
        ActiveLab.clear(home: home)
        LabBuilder(lab: lab, places: LabPlaces(home: home, labID: lab.id), runner: runner).clearHost()
        var final = progress(lab: lab, attempt: updated)
        final.elapsed = (updated.endedAt ?? now()).timeIntervalSince(updated.startedAt)
        return final
    }

    // MARK: Helpers

    func evaluate(_ lab: LabDefinition) throws -> [CheckOutcome] {
        let places = LabPlaces(home: home, labID: lab.id)
        let builder = LabBuilder(lab: lab, places: places, runner: runner)
        guard let baseline = builder.readBaseline() else { throw LabError.failed("the lab's starting state is missing; run `lab reset`") }
        let box = builder.sandbox
        box.restorePlantedSecrets(baseline.planted)
        return CheckEvaluator(sandbox: box, baselineJobs: Set(baseline.jobs)).evaluate(lab.checks)
    }

    func progress(lab: LabDefinition, attempt: LabAttemptRecord) -> LabProgress {
        let outcomes = Self.decodeOutcomes(attempt.outcomes)
        let decisions = Self.decodeMap(attempt.decisions)
        let hints = Self.decodeCounts(attempt.hints)
        let elapsed = now().timeIntervalSince(attempt.startedAt)
        let timeUp = lab.timeLimit.map { elapsed > Double($0) * 60 } ?? false
        return LabProgress(lab: lab, attempt: attempt, outcomes: outcomes, decisions: decisions, hints: hints,
                           score: LabScore.compute(lab: lab, outcomes: outcomes, decisions: decisions, hints: hints),
                           elapsed: elapsed, timeUp: timeUp)
    }

    static func encode<T: Encodable>(_ value: T) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return (try? encoder.encode(value)).map { String(decoding: $0, as: UTF8.self) } ?? "null"
    }

    static func decodeOutcomes(_ text: String) -> [CheckOutcome] {
        (try? JSONDecoder().decode([CheckOutcome].self, from: Data(text.utf8))) ?? []
    }

    static func decodeMap(_ text: String) -> [String: String] {
        (try? JSONDecoder().decode([String: String].self, from: Data(text.utf8))) ?? [:]
    }

    static func decodeCounts(_ text: String) -> [String: Int] {
        (try? JSONDecoder().decode([String: Int].self, from: Data(text.utf8))) ?? [:]
    }
}
