import Foundation
import Yams

/// Reads one pack file into a `Pack`, reporting every problem as a `Diagnostic`.
///
/// Checks structure (unknown keys, types, required fields), answer keys, option counts,
/// rationales, areas and objectives against the outline, dates, and case-study shape. Ids are
/// checked for format here and for uniqueness by `BankLoader` (within and across files).
public struct PackParser: Sendable {
    public let outline: Outline
    private let areaIDs: Set<String>
    private let objectiveIDs: Set<String>

    public init(outline: Outline) {
        self.outline = outline
        self.areaIDs = Set(outline.areaIDs)
        self.objectiveIDs = Set(outline.objectiveIDs)
    }

    static let packKeys = ["pack", "title", "version", "outline", "questions", "case_studies"]
    static let caseStudyKeys = ["id", "title", "scenario", "questions"]
    /// Questions per case study.
    public static let caseStudySize = 4...6

    /// Parses the bytes of one file; `file` is the path shown in diagnostics.
    public func parse(bytes: [UInt8], file: String) -> PackParseResult {
        var reader = YAMLReader(file: file)
        var context = ParseContext(outline: outline, areaIDs: areaIDs, objectiveIDs: objectiveIDs)
        guard let root = reader.compose(bytes: bytes) else {
            return PackParseResult(pack: nil, diagnostics: reader.diagnostics, declarations: [])
        }
        guard let top = reader.mapping(root, "a pack") else {
            return PackParseResult(pack: nil, diagnostics: reader.diagnostics, declarations: [])
        }
        reader.checkKeys(top, allowed: Self.packKeys, in: "the pack")
        let packID = reader.requiredText(top, "pack", of: root, in: "the pack")
        if let packID, let node = reader.value(top, "pack") {
            context.checkIDFormat(packID, node: node, what: "pack id", reader: &reader)
            context.declarations.append(IDDeclaration(kind: .pack, id: packID, location: reader.location(of: node)))
        }
        let title = reader.requiredText(top, "title", of: root, in: "the pack")
        var version: Int?
        if let node = reader.required(top, "version", of: root, in: "the pack"), let value = reader.integer(node, key: "version", in: "the pack") {
            if value < 1 { reader.report(node, "`version` must be 1 or more, found \(value)") } else { version = value }
        }
        let outlineVersion = reader.requiredText(top, "outline", of: root, in: "the pack")
        if let outlineVersion, outlineVersion != outline.version, let node = reader.value(top, "outline") {
            reader.report(node, "pack is written against outline `\(outlineVersion)` but this mlopslab uses `\(outline.version)`; check its objective ids and set `outline: \(outline.version)`")
        }
        let owner = packID ?? "?"
        var questions: [Question] = []
        let questionsNode = reader.value(top, "questions").flatMap { YAMLReader.isNull($0) ? nil : $0 }
        if let questionsNode, let items = reader.sequence(questionsNode, "questions", in: "the pack") {
            for item in items {
                if let question = context.question(item, packID: owner, caseStudyID: nil, reader: &reader) {
                    questions.append(question)
                }
            }
        }
        var studies: [CaseStudy] = []
        let studiesNode = reader.value(top, "case_studies").flatMap { YAMLReader.isNull($0) ? nil : $0 }
        if let studiesNode, let items = reader.sequence(studiesNode, "case_studies", in: "the pack") {
            for item in items {
                if let study = caseStudy(item, packID: owner, context: &context, reader: &reader) { studies.append(study) }
            }
        }
        if questionsNode == nil && studiesNode == nil {
            reader.report(root, "missing required key `questions` in the pack (a pack holds `questions`, `case_studies` or both)")
        }
        guard let packID, let title, let version, let outlineVersion else {
            return PackParseResult(pack: nil, diagnostics: reader.diagnostics, declarations: context.declarations)
        }
        let pack = Pack(id: packID, title: title, version: version, outline: outlineVersion,
                        questions: questions, caseStudies: studies, path: file)
        return PackParseResult(pack: pack, diagnostics: reader.diagnostics, declarations: context.declarations)
    }

    private func caseStudy(_ node: Node, packID: String, context: inout ParseContext, reader: inout YAMLReader) -> CaseStudy? {
        guard let map = reader.mapping(node, "a case study") else { return nil }
        let rawID = reader.value(map, "id").flatMap { YAMLReader.isNull($0) ? nil : $0 }.flatMap { $0.scalar?.string }
        let what = rawID.map { "case study `\($0)`" } ?? "a case study"
        reader.checkKeys(map, allowed: Self.caseStudyKeys, in: what)
        let id = reader.requiredText(map, "id", of: node, in: what)
        if let id, let idNode = reader.value(map, "id") {
            context.checkIDFormat(id, node: idNode, what: "case study id", reader: &reader)
            context.declarations.append(IDDeclaration(kind: .caseStudy, id: id, location: reader.location(of: idNode)))
        }
        let title = reader.requiredText(map, "title", of: node, in: what)
        let scenario = reader.requiredText(map, "scenario", of: node, in: what)
        var questions: [Question] = []
        if let questionsNode = reader.required(map, "questions", of: node, in: what),
           let items = reader.sequence(questionsNode, "questions", in: what) {
            if !Self.caseStudySize.contains(items.count) {
                reader.report(questionsNode, "\(what) has \(items.count) question\(items.count == 1 ? "" : "s"); a case study needs \(Self.caseStudySize.lowerBound) to \(Self.caseStudySize.upperBound)")
            }
            for item in items {
                guard let question = context.question(item, packID: packID, caseStudyID: id ?? "?", reader: &reader) else { continue }
                if question.type == .yesNoSeries {
                    let typeNode = YAMLFields(item).flatMap { reader.value($0, "type") } ?? item
                    reader.report(typeNode, "question `\(question.id)` in \(what) is a yes-no-series; case studies hold single, multiple or ordering questions only")
                }
                questions.append(question)
            }
        }
        guard let id, let title, let scenario else { return nil }
        return CaseStudy(id: id, title: title, scenario: scenario, questions: questions)
    }
}
