import Testing
@testable import Exam

@Suite struct OutlineTests {
    @Test func bundledOutlineHasTheFiveDomainsAndFifteenAreas() throws {
        let outline = try TestSupport.outline
        #expect(outline.version == "ai300-2026-03-05")
        #expect(outline.domains.map(\.id) == ["1", "2", "3", "4", "5"])
        #expect(outline.domains.map(\.minWeight) == [15, 25, 20, 10, 10])
        #expect(outline.domains.map(\.maxWeight) == [20, 30, 25, 15, 15])
        #expect(outline.domains.map(\.objectives.count) == [13, 18, 11, 8, 8])
        #expect(outline.areas.count == 15)
        #expect(outline.areas.filter(\.isGenerativeAI).map(\.id) == ["genai-platform", "genai-quality", "genai-optimization"])
        #expect(Set(outline.areaIDs).count == 15)
        #expect(Set(outline.objectiveIDs).count == outline.objectiveIDs.count)
    }

    @Test func lookupsAndExamSettings() throws {
        let outline = try TestSupport.outline
        #expect(outline.objective(id: "2.3c")?.title == "Implement progressive rollout and safe rollback")
        #expect(outline.objective(id: "2.3c")?.domainID == "2")
        #expect(outline.objective(id: "9.9z") == nil)
        #expect(outline.area(id: "cicd")?.handsOn == false)
        #expect(outline.area(id: "deployment-inference")?.handsOn == true)
        #expect(outline.domain(id: "4")?.midWeight == 12.5)
        #expect(outline.exam == Outline.ExamSettings(minutes: 120, minQuestions: 40, maxQuestions: 60, defaultQuestions: 50, passingScaledScore: 700, maxScaledScore: 1000))
    }

    @Test func malformedOutlineReportsEveryProblem() {
        let yaml = """
        outline: test
        title: T
        as_of: 2026-01-01
        exam: {minutes: lots, questions: {min: 1, max: 2, default: 1}, passing_scaled_score: 700, max_scaled_score: 1000}
        domains:
          - {id: "1", title: D, weight: {min: 1}, objectives: {1.1a: A}}
        areas:
          - {id: a, title: A, hands_on: sometimes, next_step: s}
        colour: blue
        """
        do {
            _ = try Outline.parse(bytes: Array(yaml.utf8), file: "o.yaml")
            Issue.record("a malformed outline was accepted")
        } catch {
            guard case .invalid(let diagnostics) = error else {
                Issue.record("unexpected \(error)")
                return
            }
            #expect(diagnostics.map(\.description).sorted() == [
                "o.yaml:4:17: `minutes` in `exam` must be a whole number, found the text \"lots\"",
                "o.yaml:6:33: missing required key `max` in `weight`",
                "o.yaml:8:33: `hands_on` in an area must be true or false, found the text \"sometimes\"",
                "o.yaml:9:1: unknown key `colour` in the outline; allowed: outline, title, as_of, exam, domains, areas",
            ])
        }
    }
}
