import Exam
import Foundation
import Readiness

/// Shared fixture: a fixed "now" and a small outline with areas of both kinds.
enum Fixture {
    /// 2026-11-21T12:00:00Z.
    static let now = Date(timeIntervalSince1970: 1_795_262_400)

    static func daysAgo(_ days: Double) -> Date { now.addingTimeInterval(-days * 86_400) }

    static let domains = [
        DomainWeight(id: "1", title: "Design and implement an MLOps infrastructure", min: 15, max: 20),
        DomainWeight(id: "2", title: "Implement machine learning model lifecycle and operations", min: 25, max: 30),
        DomainWeight(id: "3", title: "Design and implement a GenAIOps infrastructure", min: 20, max: 25),
        DomainWeight(id: "4", title: "Implement generative AI quality assurance and observability", min: 10, max: 15),
        DomainWeight(id: "5", title: "Optimize generative AI systems and model performance", min: 10, max: 15),
    ]

    static let areas = [
        ReadinessArea(id: "workspace-assets", title: "Workspace and core assets", handsOn: true,
                      nextStep: "Create a data asset, an environment and a component from YAML and explain where each is used."),
        ReadinessArea(id: "deployment-inference", title: "Deployment and inference", handsOn: true,
                      nextStep: "Deploy a model to an online endpoint, shift traffic blue to green, and roll back."),
        ReadinessArea(id: "evaluation-promotion", title: "Model evaluation and promotion", handsOn: false,
                      nextStep: "Decide promote, hold, retrain or roll back for a champion and a challenger using gates fixed in advance."),
        ReadinessArea(id: "monitoring-observability", title: "Monitoring and observability", handsOn: true,
                      nextStep: "Set up a drift monitor on collected data and explain what each signal and threshold means."),
        ReadinessArea(id: "genai-platform", title: "GenAI platform: Foundry resources, model deployments, capacity, prompt versioning", handsOn: false,
                      nextStep: "Choose a deployment type and capacity for a workload with residency, latency and cost constraints."),
        ReadinessArea(id: "genai-quality", title: "GenAI quality: evaluation, safety, tracing and token cost", handsOn: false,
                      nextStep: "Map an evaluation dataset to quality and safety evaluators and set a CI gate on their thresholds."),
    ]

    static let objectiveTitles = [
        "2.3b": "Test and troubleshoot endpoints",
        "2.3c": "Implement progressive rollout and safe rollback",
        "3.2b": "Select models for a use case",
    ]

    static func model(parameters: ReadinessParameters = .standard) -> ReadinessModel {
        ReadinessModel(areas: areas, domains: domains, now: now, parameters: parameters, objectiveTitles: objectiveTitles)
    }

    /// `count` answers in one area, the first `correct` of them right.
    static func answers(
        area: String, objective: String, count: Int, correct: Int, difficulty: Difficulty = .medium,
        age: Double = 0, confidence: Confidence = .unstated, source: EvidenceSource = .practice
    ) -> [AnswerEvidence] {
        (0..<count).map { i in
            AnswerEvidence(
                questionID: "\(area)-\(objective)-\(i)", area: area, objective: objective,
                domain: String(objective.prefix { $0 != "." }), difficulty: difficulty, correct: i < correct,
                confidence: confidence, answeredAt: daysAgo(age), source: source
            )
        }
    }

    static func lab(_ area: String, score: Double, help: Bool = false, id: String = "lab-1") -> HandsOnEvidence {
        HandsOnEvidence(area: area, objective: "2.3a", labID: id, score: score, completedAt: daysAgo(1), solvedWithHelp: help)
    }

    /// The scorecard the renderer snapshots show: every status, self ratings, labs, two exams.
    static func scorecard() -> Scorecard {
        var all: [AnswerEvidence] = []
        // Green without hands-on requirement: 18 of 20 right, recent.
        all += answers(area: "evaluation-promotion", objective: "2.2c", count: 20, correct: 18, age: 2, confidence: .sure)
        // Green with a lab: 17 of 20 right.
        all += answers(area: "deployment-inference", objective: "2.3a", count: 12, correct: 11, age: 1, confidence: .sure, source: .exam)
        all += answers(area: "deployment-inference", objective: "2.3c", count: 8, correct: 6, difficulty: .hard, age: 5, confidence: .unsure)
        // Red: knowledge ready but no lab.
        all += answers(area: "workspace-assets", objective: "1.2a", count: 20, correct: 19, age: 3)
        // Yellow: 7 of 10, misses spread over two objectives.
        all += answers(area: "genai-platform", objective: "3.2b", count: 6, correct: 3, age: 10, confidence: .sure)
        all += answers(area: "genai-platform", objective: "3.2c", count: 4, correct: 4, age: 10, confidence: .unsure)
        // Red: weak knowledge.
        all += answers(area: "genai-quality", objective: "4.1b", count: 10, correct: 3, age: 14, source: .review)
        // Grey: two answers in monitoring-observability.
        all += answers(area: "monitoring-observability", objective: "2.4a", count: 2, correct: 1, age: 60)
        // One "I don't know" and one answer for an area the outline lacks.
        all.append(AnswerEvidence(questionID: "dk-1", area: "genai-platform", objective: "3.2b", domain: "3",
                                  difficulty: .easy, correct: false, dontKnow: true, answeredAt: daysAgo(1)))
        all.append(AnswerEvidence(questionID: "x-1", area: "retired-area", objective: "9.9a", domain: "9",
                                  difficulty: .medium, correct: true, answeredAt: daysAgo(1)))
        let exams = [
            ExamRecord(takenAt: daysAgo(3), questions: 50, scaledScore: 742, passed: true,
                       domainScores: ["1": RawScore(correct: 8, total: 9), "2": RawScore(correct: 12, total: 14)]),
            ExamRecord(takenAt: daysAgo(20), questions: 50, scaledScore: 655, passed: false),
        ]
        let ratings = [
            SelfRating(area: "workspace-assets", level: .green),
            SelfRating(area: "genai-quality", level: .green),
            SelfRating(area: "evaluation-promotion", level: .yellow),
            SelfRating(area: "genai-platform", level: .yellow),
            SelfRating(area: "monitoring-observability", level: .red),
        ]
        let labs = [
            lab("deployment-inference", score: 0.9, id: "endpoint-rollback"),
            lab("workspace-assets", score: 0.8, help: true, id: "assets-from-yaml"),
        ]
        return model().scorecard(answers: all, exams: exams, selfRatings: ratings, handsOn: labs)
    }
}
