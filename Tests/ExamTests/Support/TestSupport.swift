import Foundation
import Testing
@testable import Exam

/// Shared helpers for the Exam tests: fixtures, the bundled outline, question builders.
enum TestSupport {
    /// The copied `Fixtures` folder of the test bundle.
    static var fixtures: URL {
        get throws {
            try #require(Bundle.module.url(forResource: "Fixtures", withExtension: nil))
        }
    }

    static var outline: Outline {
        get throws { try Outline.bundled() }
    }

    /// A fresh empty folder under the temporary directory.
    static func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("examtests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// A single question with four options; `key` is the correct index, `texts` override option texts.
    static func single(
        _ id: String, area: String = "cicd", objective: String = "1.3c", difficulty: Difficulty = .medium,
        style: QuestionStyle = .scenario, stem: String? = nil, key: Int = 0, texts: [String]? = nil
    ) -> Question {
        let words = texts ?? ["Alpha option text", "Bravo option text", "Charlie option text", "Delta option text"]
        let options = words.enumerated().map { index, text in
            Option(text: text, correct: index == key, rationale: "Because \(text.lowercased()) fits or not (\(index)).")
        }
        return Question(id: id, area: area, objective: objective, difficulty: difficulty, style: style,
                        stem: stem ?? "Unique stem number \(id) about \(area) and \(objective) with distinct words \(id.reversed())",
                        body: .single(options: options), packID: "test",
                        location: SourceLocation(file: "test.yaml", line: 1, column: 1))
    }

    static func question(_ id: String, body: QuestionBody, stem: String = "A stem") -> Question {
        Question(id: id, area: "cicd", objective: "1.3c", difficulty: .medium, style: .scenario, stem: stem, body: body, packID: "test")
    }

    static func bank(_ questions: [Question], caseStudies: [CaseStudy] = []) -> Bank {
        Bank(packs: [Pack(id: "test", title: "Test", version: 1, outline: "ai300-2026-03-05", questions: questions, caseStudies: caseStudies, path: "test.yaml")])
    }
}
