import Foundation

/// Running totals of the answers in one area or domain; one pass over the evidence fills it.
public struct EvidenceTally: Sendable, Equatable {
    public private(set) var answered = 0
    public private(set) var correct = 0
    /// Σ recency × difficulty weight of correct answers.
    public private(set) var weightedSuccesses = 0.0
    /// Σ recency × difficulty weight of misses.
    public private(set) var weightedFailures = 0.0
    public private(set) var lastAnsweredAt: Date?
    /// Answers from practice, review and exam, in `EvidenceSource.allCases` order.
    private var sourceCounts = [0, 0, 0]
    /// Misses (including "I don't know") per objective id, when tracked.
    public private(set) var missesByObjective: [String: Int] = [:]
    private let tracksObjectives: Bool

    /// - Parameter tracksObjectives: count misses per objective (areas do; domains need not).
    public init(tracksObjectives: Bool = true) {
        self.tracksObjectives = tracksObjectives
    }

    /// Answers per source.
    public var answeredBySource: [EvidenceSource: Int] {
        Dictionary(uniqueKeysWithValues: EvidenceSource.allCases.enumerated().map { ($1, sourceCounts[$0]) })
    }

    /// Adds one answer with its pseudo-counts.
    public mutating func add(_ answer: AnswerEvidence, successes: Double, failures: Double) {
        answered += 1
        if answer.isCorrect {
            correct += 1
        } else if tracksObjectives {
            missesByObjective[answer.objective, default: 0] += 1
        }
        weightedSuccesses += successes
        weightedFailures += failures
        switch answer.source {
        case .practice: sourceCounts[0] += 1
        case .review: sourceCounts[1] += 1
        case .exam: sourceCounts[2] += 1
        }
        if let last = lastAnsweredAt {
            if answer.answeredAt > last { lastAnsweredAt = answer.answeredAt }
        } else {
            lastAnsweredAt = answer.answeredAt
        }
    }

    /// Σ weights: the effective number of medium-item answers behind the estimate.
    public var effectiveWeight: Double { weightedSuccesses + weightedFailures }

    /// Objectives ordered by misses (most first, then by id), at most `limit`.
    public func weakestObjectives(limit: Int) -> [(objective: String, misses: Int)] {
        missesByObjective
            .sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
            .prefix(max(0, limit))
            .map { (objective: $0.key, misses: $0.value) }
    }
}
