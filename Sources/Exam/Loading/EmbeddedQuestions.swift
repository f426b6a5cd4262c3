import Foundation
import Yams

extension PackParser {
    /// Parses the question mappings under the top-level `key` of a file that is not a pack (a lab's
    /// `decisions`), with the same rules and `file:line` diagnostics as pack questions. Other
    /// top-level keys are left to the caller.
    public func parseEmbeddedQuestions(bytes: [UInt8], file: String, key: String, owner: String) -> (questions: [Question], diagnostics: [Diagnostic]) {
        var reader = YAMLReader(file: file)
        var context = ParseContext(outline: outline, areaIDs: Set(outline.areaIDs), objectiveIDs: Set(outline.objectiveIDs))
        guard let root = reader.compose(bytes: bytes), let top = reader.mapping(root, "the file") else {
            return ([], reader.diagnostics)
        }
        guard let node = reader.value(top, key), !YAMLReader.isNull(node), let items = reader.sequence(node, key, in: "the file") else {
            return ([], reader.diagnostics)
        }
        var questions: [Question] = []
        for item in items {
            if let question = context.question(item, packID: owner, caseStudyID: nil, reader: &reader) { questions.append(question) }
        }
        var seen: Set<String> = []
        for declaration in context.declarations where declaration.kind == .question {
            if !seen.insert(declaration.id).inserted {
                reader.report(at: declaration.location, "question id `\(declaration.id)` is used twice in this file")
            }
        }
        return (questions, reader.diagnostics)
    }
}
