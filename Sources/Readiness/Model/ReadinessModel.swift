import Foundation

/// Turns evidence into a `Scorecard`. Pure: the time is passed in, nothing is read or written.
///
/// ```swift
/// let model = ReadinessModel(areas: areas, domains: domains, now: Date())
/// let card = model.scorecard(answers: answers, exams: exams, selfRatings: ratings, handsOn: labs)
/// let text = ScorecardRenderer.render(card, format: .text, color: false)
/// ```
public struct ReadinessModel: Sendable {
    public let areas: [ReadinessArea]
    public let domains: [DomainWeight]
    public let now: Date
    public let parameters: ReadinessParameters
    /// Objective titles by id (`2.3c` → "Implement progressive rollout ..."), used in next steps.
    public let objectiveTitles: [String: String]

    /// Areas or domains listed twice keep their first entry; invalid parameters fall back to
    /// their standard values (`ReadinessParameters.sanitized`).
    public init(
        areas: [ReadinessArea], domains: [DomainWeight], now: Date,
        parameters: ReadinessParameters = .standard, objectiveTitles: [String: String] = [:]
    ) {
        var seenAreas = Set<String>()
        self.areas = areas.filter { seenAreas.insert($0.id).inserted }
        var seenDomains = Set<String>()
        self.domains = domains.filter { seenDomains.insert($0.id).inserted }
        self.now = now
        self.parameters = parameters.sanitized
        self.objectiveTitles = objectiveTitles
    }

    /// The scorecard for this evidence. Evidence for unknown areas or domains is counted in
    /// `unmatchedAreaAnswers` / `unmatchedDomainAnswers` and otherwise ignored.
    public func scorecard(
        answers: [AnswerEvidence], exams: [ExamRecord] = [], selfRatings: [SelfRating] = [],
        handsOn: [HandsOnEvidence] = [], availableLabs: [String: [String]] = [:]
    ) -> Scorecard {
        scorecard(
            answerGroups: answers.map(AnswerEvidenceGroup.init), exams: exams, selfRatings: selfRatings,
            handsOn: handsOn, availableLabs: availableLabs)
    }

    /// The scorecard for answers already grouped (`AnswerEvidenceGroup`); the same result as
    /// passing each answer on its own.
    public func scorecard(
        answerGroups: [AnswerEvidenceGroup], exams: [ExamRecord] = [], selfRatings: [SelfRating] = [],
        handsOn: [HandsOnEvidence] = [], availableLabs: [String: [String]] = [:]
    ) -> Scorecard {
        let weighting = EvidenceWeighting(parameters: parameters, now: now)
        let areaIndex = Dictionary(areas.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
        let domainIndex = Dictionary(domains.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
        var areaTallies = Array(repeating: EvidenceTally(), count: areas.count)
        var domainTallies = Array(repeating: EvidenceTally(tracksObjectives: false), count: domains.count)
        var calibration = CalibrationTally()
        var unmatchedAreas = 0
        var unmatchedDomains = 0
        for group in answerGroups where group.count > 0 {
            let counts = weighting.pseudoCounts(for: group)
            if let i = areaIndex[group.area] {
                areaTallies[i].add(group, successes: counts.successes, failures: counts.failures)
            } else {
                unmatchedAreas += group.count
            }
            if let i = domainIndex[group.domain] {
                domainTallies[i].add(group, successes: counts.successes, failures: counts.failures)
            } else {
                unmatchedDomains += group.count
            }
            calibration.add(group)
        }

        let ratings = Dictionary(selfRatings.map { ($0.area, $0.level) }, uniquingKeysWith: { _, last in last })
        let labsByArea = Dictionary(grouping: handsOn, by: \.area)
        let rules = StatusRules(parameters: parameters)
        let writer = NextStepWriter(parameters: parameters)

        let areaReports = areas.enumerated().map { i, area in
            areaReport(
                area: area, tally: areaTallies[i], labs: labsByArea[area.id] ?? [],
                rating: ratings[area.id], rules: rules, writer: writer, availableLabs: availableLabs[area.id] ?? []
            )
        }

        let totalMidpoint = domains.reduce(0) { $0 + $1.midpoint }
        let domainReports = domains.enumerated().map { i, domain in
            let tally = domainTallies[i]
            let estimate = tally.answered > 0 ? MasteryEstimate(tally: tally, parameters: parameters) : nil
            let verdict = rules.evaluate(estimate: estimate, answered: tally.answered, needsHandsOn: false, handsOnMet: false)
            return DomainReport(
                id: domain.id, title: domain.title,
                weightRange: Self.weightRange(domain),
                weight: totalMidpoint > 0 ? domain.midpoint / totalMidpoint : 0,
                status: verdict.status, reason: verdict.reason, estimate: estimate,
                answered: tally.answered, correct: tally.correct
            )
        }

        let prediction = ExamPredictor(formItems: parameters.formItems).predict(
            domains: domainReports.map { (id: $0.id, weight: $0.weight, estimate: $0.estimate) },
            prior: BetaDistribution(alpha: parameters.priorAlpha, beta: parameters.priorBeta)
        )

        let history = exams
            .sorted { $0.takenAt < $1.takenAt }
            .map { ExamSummary(takenAt: $0.takenAt, questions: $0.questions, scaledScore: $0.scaledScore, passed: $0.passed, domainScores: $0.domainScores) }

        return Scorecard(
            generatedAt: now, parameters: parameters, areas: areaReports, domains: domainReports,
            predictedExam: prediction, calibration: calibration.report, exams: history,
            unmatchedAreaAnswers: unmatchedAreas, unmatchedDomainAnswers: unmatchedDomains
        )
    }

    /// The published range with non-finite ends read as 0 and the ends in order.
    private static func weightRange(_ domain: DomainWeight) -> ClosedRange<Double> {
        let low = domain.min.isFinite ? domain.min : 0
        let high = domain.max.isFinite ? domain.max : 0
        return Swift.min(low, high)...Swift.max(low, high)
    }

    private func areaReport(
        area: ReadinessArea, tally: EvidenceTally, labs: [HandsOnEvidence], rating: SelfRatingLevel?,
        rules: StatusRules, writer: NextStepWriter, availableLabs: [String]
    ) -> AreaReport {
        let passScore = parameters.handsOnPassScore
        let summary = HandsOnSummary(
            required: area.handsOn,
            attempts: labs.count,
            bestScore: labs.map(\.clampedScore).max(),
            met: labs.contains { $0.clampedScore >= passScore && !$0.solvedWithHelp },
            labs: Array(Set(labs.map(\.labID))).sorted(),
            lastCompletedAt: labs.map(\.completedAt).max()
        )
        let estimate = tally.answered > 0 ? MasteryEstimate(tally: tally, parameters: parameters) : nil
        let verdict = rules.evaluate(estimate: estimate, answered: tally.answered, needsHandsOn: area.handsOn, handsOnMet: summary.met)
        let weak = tally.weakestObjectives(limit: parameters.objectivesToReview).map {
            ObjectiveMisses(objective: $0.objective, title: objectiveTitles[$0.objective], misses: $0.misses)
        }
        return AreaReport(
            id: area.id, title: area.title, status: verdict.status, reason: verdict.reason,
            estimate: estimate, answered: tally.answered, correct: tally.correct,
            lastPractised: tally.lastAnsweredAt, answeredBySource: tally.answeredBySource,
            handsOn: summary, selfAssessment: rating,
            selfComparison: rating.map { SelfAssessmentComparison.compare(rating: $0, measured: verdict.status) },
            weakObjectives: weak,
            nextStep: writer.nextStep(area: area, status: verdict.status, tally: tally, weakObjectives: weak, handsOn: summary, availableLabs: availableLabs)
        )
    }
}
