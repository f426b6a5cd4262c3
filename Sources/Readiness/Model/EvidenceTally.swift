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
        add(AnswerEvidenceGroup(answer), successes: successes, failures: failures)
    }

    /// Adds a group of answers with their pseudo-counts.
    public mutating func add(_ group: AnswerEvidenceGroup, successes: Double, failures: Double) {
        guard let latest = group.lastAnsweredAt else { return }
        let count = group.count
        answered += count
        if group.isCorrect {
            correct += count
        } else if tracksObjectives {
            missesByObjective[group.objective, default: 0] += count
        }
        weightedSuccesses += successes
        weightedFailures += failures
        switch group.source {
        case .practice: sourceCounts[0] += count
        case .review: sourceCounts[1] += count
        case .exam: sourceCounts[2] += count
        }
        if let last = lastAnsweredAt, last >= latest { return }
        lastAnsweredAt = latest
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
