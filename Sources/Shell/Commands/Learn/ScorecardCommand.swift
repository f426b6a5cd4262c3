import ArgumentParser
import CLICore
import Exam
import Foundation
import Labs
import Readiness
import Store

extension ScorecardFormat: ExpressibleByArgument {}

/// `scorecard`: readiness per area from every recorded answer, exam and self-rating.
struct ScorecardCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scorecard",
        abstract: "Show readiness per area (green ready, yellow needs review, red needs hands-on practice, grey not enough evidence) and a predicted exam score.",
        discussion: "The model, thresholds and the JSON schema are documented in docs/scoring.md."
    )

    @Option(help: "Output format.")
    var format: ScorecardFormat = .text

    @Option(help: "Write to this file instead of the terminal.")
    var out: String?

    func run() throws {
        let services = try Services.open()
        let card = try ScorecardBuilder(services: services).build(now: Date())
        let color = out == nil && format == .text && services.console.colorEnabled
        let text = ScorecardRenderer.render(card, format: format, color: color)
        if let out {
            let url = try FileProblem.write(text, toPath: out, example: "scorecard.\(format.fileExtension)")
            services.console.line("Scorecard written to \(url.path).")
        } else {
            services.console.write(text.hasSuffix("\n") ? text : text + "\n")
        }
    }
}

/// Reads the evidence from the state database and runs the readiness model.
struct ScorecardBuilder {
    let services: Services

    func build(now: Date) throws -> Scorecard {
        let outline = services.outline
        let model = ReadinessModel(
            areas: outline.areas,
            domains: outline.domains.map { DomainWeight(id: $0.id, title: $0.title, min: Double($0.minWeight), max: Double($0.maxWeight)) },
            now: now,
            objectiveTitles: Dictionary(outline.objectives.map { ($0.id, $0.title) }, uniquingKeysWith: { first, _ in first }))
        let answers = try services.database.answerFactGroups().map(Self.evidence)
        let ratings = try services.database.selfAssessments().compactMap { record in
            SelfRatingLevel(rawValue: record.rating).map { SelfRating(area: record.area, level: $0) }
        }
        let handsOn = HandsOnRecords.evidence(from: try services.database.submittedLabAttempts())
        let labs = LabAreaIndex.idsByArea(
            folder: LabLocator.defaultFolder(environment: services.context.environment),
            cache: services.context.home.url.appendingPathComponent("cache/lab-areas.json"))
        return model.scorecard(answerGroups: answers, exams: try exams(), selfRatings: ratings, handsOn: handsOn, availableLabs: labs)
    }

    static func evidence(_ group: AnswerFactGroup) -> AnswerEvidenceGroup {
        AnswerEvidenceGroup(
            area: group.area, objective: group.objective, domain: String(group.objective.prefix(while: { $0 != "." })),
            difficulty: Difficulty(rawValue: group.difficulty) ?? .medium, correct: group.correct, dontKnow: group.dontKnow,
            confidence: Confidence(rawValue: group.confidence) ?? .unstated, source: EvidenceSource(rawValue: group.source) ?? .practice,
            batches: group.days.map { AnswerBatch(count: $0.count, at: $0.meanAnsweredAt, last: $0.lastAnsweredAt) })
    }

    private func exams() throws -> [ExamRecord] {
        try services.database.sessions(kind: "exam", status: "submitted").compactMap { record in
            guard let data = record.result, let result = try? JSONDecoder().decode(ExamResult.self, from: data) else { return nil }
            return ExamRecord(
                takenAt: record.submittedAt ?? record.startedAt, questions: result.items, scaledScore: result.scaledScore, passed: result.passed,
                domainScores: result.byDomain.mapValues { RawScore(correct: $0.correct, total: $0.total) },
                areaScores: result.byArea.mapValues { RawScore(correct: $0.correct, total: $0.total) })
        }
    }
}
