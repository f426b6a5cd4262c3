import Exam
import Foundation
import Testing
import Readiness

/// Every branch of the status rules, through the full model.
struct StatusRulesTests {
    func report(_ area: String, _ answers: [AnswerEvidence], labs: [HandsOnEvidence] = [], available: [String: [String]] = [:]) throws -> AreaReport {
        try #require(Fixture.model().scorecard(answers: answers, handsOn: labs, availableLabs: available).areas.first { $0.id == area })
    }

    @Test func greenWithoutHandsOnRequirement() throws {
        // Beta(1 + 18, 1 + 2): lower 5 % bound ≈ 0.74 ≥ 0.70.
        let r = try report("evaluation-promotion", Fixture.answers(area: "evaluation-promotion", objective: "2.2c", count: 20, correct: 18))
        #expect(r.status == .green)
        #expect((r.estimate?.interval.lowerBound ?? 0) >= 0.70)
        #expect(r.nextStep.hasPrefix("keep it fresh"))
    }

    @Test func handsOnAreaIsRedWithoutLabEvenWithPerfectAnswers() throws {
        let answers = Fixture.answers(area: "workspace-assets", objective: "1.2a", count: 30, correct: 30)
        let r = try report("workspace-assets", answers)
        #expect(r.status == .red)
        #expect(r.reason == "knowledge ready but no lab passed without help")
        #expect(r.nextStep == "hands-on: Create a data asset, an environment and a component from YAML and explain where each is used.")
        // With labs available, red names the first lab not yet attempted.
        let named = try report("workspace-assets", answers, labs: [Fixture.lab("workspace-assets", score: 0.2, id: "first-lab")],
                               available: ["workspace-assets": ["first-lab", "second-lab"]])
        #expect(named.nextStep.hasPrefix("needs hands-on practice: do lab second-lab (lab start second-lab); "))
    }

    @Test func handsOnAreaTurnsGreenWithLabPassedWithoutHelp() throws {
        let answers = Fixture.answers(area: "workspace-assets", objective: "1.2a", count: 30, correct: 30)
        #expect(try report("workspace-assets", answers, labs: [Fixture.lab("workspace-assets", score: 0.7)]).status == .green)
        // Solved with help, or scored below 0.7: still red, and the lab is named.
        let helped = try report("workspace-assets", answers, labs: [Fixture.lab("workspace-assets", score: 1, help: true, id: "assets-lab")])
        #expect(helped.status == .red)
        #expect(helped.nextStep.hasPrefix("needs hands-on practice: redo lab assets-lab without help (lab start assets-lab); "))
        #expect(try report("workspace-assets", answers, labs: [Fixture.lab("workspace-assets", score: 0.69)]).status == .red)
        // A lab in another area does not count.
        #expect(try report("workspace-assets", answers, labs: [Fixture.lab("deployment-inference", score: 1)]).status == .red)
    }

    @Test func lowMasteryIsRed() throws {
        // Beta(1 + 4, 1 + 6): mean 5/12 ≈ 0.417 < 0.55.
        let r = try report("genai-quality", Fixture.answers(area: "genai-quality", objective: "4.1b", count: 10, correct: 4))
        #expect(r.status == .red)
        #expect(abs((r.estimate?.mastery ?? 0) - 5.0 / 12.0) < 1e-12)
        #expect(r.nextStep.hasPrefix("hands-on: Map an evaluation dataset"))
    }

    @Test func middlingMasteryIsYellowAndNamesWeakestObjectives() throws {
        // Beta(1 + 7, 1 + 3): mean 0.667, lower bound < 0.70, mean ≥ 0.55.
        var answers = Fixture.answers(area: "genai-platform", objective: "3.2b", count: 5, correct: 3)
        answers += Fixture.answers(area: "genai-platform", objective: "3.2c", count: 4, correct: 4)
        answers += Fixture.answers(area: "genai-platform", objective: "3.3a", count: 1, correct: 0)
        let r = try report("genai-platform", answers)
        #expect(r.status == .yellow)
        #expect(r.weakObjectives.map(\.objective) == ["3.2b", "3.3a"])
        #expect(r.nextStep == "review: 3.2b Select models for a use case (2 missed); 3.3a (1 missed)")
    }

    @Test func handsOnAreaBelowReadyWithoutLabIsRedButUncertainAboveIsYellow() throws {
        // Mean 8/12 = 0.667 < 0.70, hands-on area, no lab: red.
        let below = try report("deployment-inference", Fixture.answers(area: "deployment-inference", objective: "2.3a", count: 10, correct: 7))
        #expect(below.status == .red)
        // Mean 10/12 = 0.833 ≥ 0.70 but lower bound < 0.70 with 10 answers: yellow (review, then lab).
        let above = try report("deployment-inference", Fixture.answers(area: "deployment-inference", objective: "2.3a", count: 10, correct: 9))
        #expect((above.estimate?.interval.lowerBound ?? 1) < 0.70)
        #expect(above.status == .yellow)
    }

    @Test func greyBoundaryIsFiveAnswersAndWeightFour() throws {
        let four = try report("evaluation-promotion", Fixture.answers(area: "evaluation-promotion", objective: "2.2c", count: 4, correct: 4))
        #expect(four.status == .grey)
        let five = try report("evaluation-promotion", Fixture.answers(area: "evaluation-promotion", objective: "2.2c", count: 5, correct: 5))
        #expect(five.status != .grey)
        // Five easy right answers weigh 5 · 0.454 = 2.27 < 4: still grey.
        let easy = try report("evaluation-promotion", Fixture.answers(area: "evaluation-promotion", objective: "2.2c", count: 5, correct: 5, difficulty: .easy))
        #expect(easy.status == .grey)
        #expect(easy.nextStep.hasPrefix("answer 2 more questions"))
    }

    @Test func domainsUseThresholdsWithoutHandsOnRule() throws {
        let answers = Fixture.answers(area: "workspace-assets", objective: "1.2a", count: 30, correct: 30)
        let card = Fixture.model().scorecard(answers: answers)
        #expect(card.domains.first { $0.id == "1" }?.status == .green)
        #expect(card.domains.first { $0.id == "2" }?.status == .grey)
    }
}
