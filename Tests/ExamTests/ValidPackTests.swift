import Foundation
import Testing
@testable import Exam

@Suite struct ValidPackTests {
    func loadSample() throws -> (Pack, [Diagnostic]) {
        let url = try TestSupport.fixtures.appendingPathComponent("valid/sample-pack.yaml")
        let result = PackParser(outline: try TestSupport.outline).parse(bytes: Array(try Data(contentsOf: url)), file: "sample-pack.yaml")
        return (try #require(result.pack), result.diagnostics)
    }

    @Test func parsesHeaderAndEveryQuestionType() throws {
        let (pack, diagnostics) = try loadSample()
        #expect(diagnostics.isEmpty)
        #expect(pack.id == "sample-pack")
        #expect(pack.version == 2)
        #expect(pack.outline == "ai300-2026-03-05")
        #expect(pack.questions.map(\.id) == ["smp-001", "smp-002", "smp-003", "smp-004"])
        #expect(pack.questions.map(\.type) == [.single, .multiple, .ordering, .yesNoSeries])
        #expect(pack.allQuestions.count == 8)
    }

    @Test func keepsFieldsKeysAndLocations() throws {
        let (pack, _) = try loadSample()
        let first = try #require(pack.questions.first)
        #expect(first.area == "deployment-inference")
        #expect(first.objective == "2.3c")
        #expect(first.domain == "2")
        #expect(first.difficulty == .medium)
        #expect(first.style == .scenario)
        #expect(first.asOf == "2026-03-05")
        #expect(first.tags == ["rollout", "endpoints"])
        #expect(first.stem.hasPrefix("A retailer serves a churn model"))
        #expect(!first.stem.hasSuffix("\n"))
        #expect(first.location == SourceLocation(file: "sample-pack.yaml", line: 6, column: 5))
        guard case .single(let options) = first.body else { Issue.record("not single"); return }
        #expect(options.map(\.correct) == [true, false, false, false])

        guard case .multiple(let multi, let choose) = pack.questions[1].body else { Issue.record("not multiple"); return }
        #expect(choose == 2)
        #expect(multi.map(\.correct) == [true, false, true, false])

        guard case .ordering(let steps) = pack.questions[2].body else { Issue.record("not ordering"); return }
        #expect(steps.first?.text == "Read the job's status and error message.")
        #expect(steps.count == 4)

        guard case .yesNoSeries(let statements) = pack.questions[3].body else { Issue.record("not series"); return }
        #expect(statements.map(\.answer) == [true, false, false])
        #expect(pack.questions[3].scoredItemCount == 3)
    }

    @Test func caseStudyQuestionsKnowTheirStudy() throws {
        let (pack, _) = try loadSample()
        let study = try #require(pack.caseStudies.first)
        #expect(study.id == "cs-sample")
        #expect(study.title == "Contoso churn")
        #expect(study.scenario.contains("rollback within a minute"))
        #expect(study.questions.map(\.id) == ["cs-sample-1", "cs-sample-2", "cs-sample-3", "cs-sample-4"])
        #expect(study.questions.allSatisfy { $0.caseStudyID == "cs-sample" && $0.packID == "sample-pack" })
        #expect(pack.questions.allSatisfy { $0.caseStudyID == nil })
    }
}
