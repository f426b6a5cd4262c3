import Foundation

/// Builds the scorecard's JSON document (schema in docs/scoring.md §7).
enum ScorecardJSON {
    static func document(_ card: Scorecard) -> JSONValue {
        let p = card.parameters
        return .object([
            ("schema_version", .int(Scorecard.schemaVersion)),
            ("generated_at", .string(ScorecardFormatting.timestamp(card.generatedAt))),
            ("model", .object([
                ("prior", .array([.number(p.priorAlpha), .number(p.priorBeta)])),
                ("half_life_days", .number(p.halfLifeDays)),
                ("reference_ability", .number(p.referenceAbility)),
                ("credible_level", .number(p.credibleLevel)),
                ("ready_threshold", .number(p.readyThreshold)),
                ("red_threshold", .number(p.redThreshold)),
                ("minimum_answers", .int(p.minimumAnswers)),
                ("minimum_effective_weight", .number(p.minimumEffectiveWeight)),
                ("hands_on_pass_score", .number(p.handsOnPassScore)),
            ])),
            ("areas", .array(card.areas.map(area))),
            ("domains", .array(card.domains.map(domain))),
            ("predicted_exam", predicted(card.predictedExam)),
            ("calibration", calibration(card.calibration)),
            ("exams", .array(card.exams.map(exam))),
            ("unmatched_answers", .object([
                ("area", .int(card.unmatchedAreaAnswers)),
                ("domain", .int(card.unmatchedDomainAnswers)),
            ])),
        ])
    }

    private static func interval(_ range: ClosedRange<Double>?) -> JSONValue {
        guard let range else { return .null }
        return .array([.number(range.lowerBound), .number(range.upperBound)])
    }

    private static func area(_ a: AreaReport) -> JSONValue {
        .object([
            ("id", .string(a.id)),
            ("title", .string(a.title)),
            ("status", .string(a.status.rawValue)),
            ("status_meaning", .string(a.status.meaning)),
            ("reason", .string(a.reason)),
            ("mastery", .number(a.estimate?.mastery)),
            ("interval", interval(a.estimate?.interval)),
            ("effective_weight", .number(a.estimate?.effectiveWeight ?? 0)),
            ("answered", .int(a.answered)),
            ("correct", .int(a.correct)),
            ("last_practised", .string(a.lastPractised.map(ScorecardFormatting.timestamp))),
            ("evidence", .object(EvidenceSource.allCases.map { ($0.rawValue, .int(a.answeredBySource[$0] ?? 0)) })),
            ("hands_on", .object([
                ("required", .bool(a.handsOn.required)),
                ("met", .bool(a.handsOn.met)),
                ("attempts", .int(a.handsOn.attempts)),
                ("best_score", .number(a.handsOn.bestScore)),
                ("labs", .array(a.handsOn.labs.map { .string($0) })),
                ("last_completed", .string(a.handsOn.lastCompletedAt.map(ScorecardFormatting.timestamp))),
            ])),
            ("self_assessment", .string(a.selfAssessment?.rawValue)),
            ("self_comparison", .string(a.selfComparison?.rawValue)),
            ("weak_objectives", .array(a.weakObjectives.map {
                .object([("objective", .string($0.objective)), ("title", .string($0.title)), ("misses", .int($0.misses))])
            })),
            ("next_step", .string(a.nextStep)),
        ])
    }

    private static func domain(_ d: DomainReport) -> JSONValue {
        .object([
            ("id", .string(d.id)),
            ("title", .string(d.title)),
            ("weight_range", .array([.number(d.weightRange.lowerBound), .number(d.weightRange.upperBound)])),
            ("weight", .number(d.weight)),
            ("status", .string(d.status.rawValue)),
            ("reason", .string(d.reason)),
            ("mastery", .number(d.estimate?.mastery)),
            ("interval", interval(d.estimate?.interval)),
            ("answered", .int(d.answered)),
            ("correct", .int(d.correct)),
        ])
    }

    private static func predicted(_ e: PredictedExam) -> JSONValue {
        .object([
            ("basis", .string(e.basis)),
            ("form_items", .int(e.formItems)),
            ("raw_cut", .int(e.rawCut)),
            ("pass_mark", .int(700)),
            ("proportion", .number(e.proportion)),
            ("proportion_interval", interval(e.proportionInterval)),
            ("scaled_score", .int(e.scaledScore)),
            ("interval", e.scaledInterval.map { .array([.int($0.lowerBound), .int($0.upperBound)]) } ?? .null),
            ("pass_probability", .number(e.passProbability)),
            ("domains_without_evidence", .array(e.domainsWithoutEvidence.map { .string($0) })),
        ])
    }

    private static func accuracy(_ a: ConfidenceAccuracy) -> JSONValue {
        .object([("answered", .int(a.answered)), ("correct", .int(a.correct)), ("accuracy", .number(a.accuracy))])
    }

    private static func calibration(_ c: CalibrationReport) -> JSONValue {
        .object([
            ("sure", accuracy(c.sure)),
            ("unsure", accuracy(c.unsure)),
            ("unstated", accuracy(c.unstated)),
            ("dont_know", .int(c.dontKnow)),
            ("cbm", .object([
                ("scheme", .string("sure +3/-6, unsure +1/0")),
                ("total", .int(c.cbmTotal)),
                ("marked", .int(c.cbmMarked)),
                ("average", .number(c.cbmAverage)),
                ("sure_break_even", .number(CalibrationReport.sureBreakEven)),
            ])),
            ("note", .string(c.note)),
        ])
    }

    private static func exam(_ e: ExamSummary) -> JSONValue {
        .object([
            ("taken_at", .string(ScorecardFormatting.timestamp(e.takenAt))),
            ("questions", .int(e.questions)),
            ("scaled_score", .int(e.scaledScore)),
            ("passed", .bool(e.passed)),
            ("domains", .object(e.domainScores.keys.sorted().map { key in
                let score = e.domainScores[key] ?? RawScore(correct: 0, total: 0)
                return (key, .object([("correct", .int(score.correct)), ("total", .int(score.total))]))
            })),
        ])
    }
}
