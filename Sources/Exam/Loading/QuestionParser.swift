import Foundation
import Yams

/// Per-file state of `PackParser`: the outline to check against and the ids declared so far.
struct ParseContext {
    let outline: Outline
    let areaIDs: Set<String>
    let objectiveIDs: Set<String>
    var declarations: [IDDeclaration] = []

    init(outline: Outline, areaIDs: Set<String>, objectiveIDs: Set<String>) {
        self.outline = outline
        self.areaIDs = areaIDs
        self.objectiveIDs = objectiveIDs
    }

    static let commonKeys = ["id", "area", "objective", "difficulty", "type", "style", "stem", "as_of", "tags"]
    static let bodyKeys: [QuestionType: [String]] = [
        .single: ["options"],
        .multiple: ["options", "choose"],
        .ordering: ["steps"],
        .yesNoSeries: ["statements"],
    ]
    /// Keys a question of each type may have.
    static let allowedKeys: [QuestionType: [String]] = Dictionary(uniqueKeysWithValues: QuestionType.allCases.map { type in
        (type, commonKeys + (bodyKeys[type] ?? []))
    })
    /// Keys allowed for some type when the question's own type is unknown, in a stable order.
    static let anyTypeKeys: [String] = QuestionType.allCases.reduce(commonKeys) { keys, type in
        keys + (bodyKeys[type] ?? []).filter { !keys.contains($0) }
    }
    /// For each type, the keys of other types with the reason they do not belong.
    static let misplacedKeys: [QuestionType: [String: String]] = Dictionary(uniqueKeysWithValues: QuestionType.allCases.map { type in
        let own = allowedKeys[type] ?? commonKeys
        var owners: [String: [String]] = [:]
        for other in QuestionType.allCases where other != type {
            for key in bodyKeys[other] ?? [] where !own.contains(key) { owners[key, default: []].append(other.rawValue) }
        }
        return (type, owners.mapValues { "it belongs to \($0.joined(separator: " and ")) questions, and this one is \(type.rawValue)" })
    })
    static let optionLimits = 2...6
    static let stepLimits = 3...7
    static let statementLimits = 2...5

    /// Reports an id that is not lowercase letters, digits and dashes.
    func checkIDFormat(_ id: String, node: Node, what: String, reader: inout YAMLReader) {
        let allowed = id.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
        if !allowed || id.hasPrefix("-") || id.hasSuffix("-") {
            reader.report(node, "\(what) `\(id)` must be lowercase letters, digits and dashes (e.g. `dep-017`)")
        }
    }

    /// Parses one question mapping; nil when a required part is missing or malformed (all reported).
    mutating func question(_ node: Node, packID: String, caseStudyID: String?, reader: inout YAMLReader) -> Question? {
        guard let map = reader.mapping(node, "a question") else { return nil }
        let rawID = reader.value(map, "id").flatMap { YAMLReader.isNull($0) ? nil : $0 }.flatMap { $0.scalar?.string }
        let what = rawID.map { "question `\($0)`" } ?? "a question"
        let id = reader.requiredText(map, "id", of: node, in: what)
        if let id, let idNode = reader.value(map, "id") {
            checkIDFormat(id, node: idNode, what: "question id", reader: &reader)
            declarations.append(IDDeclaration(kind: .question, id: id, location: reader.location(of: idNode)))
        }
        let type: QuestionType? = enumValue(map, "type", of: node, in: what, reader: &reader)
        if let type {
            reader.checkKeys(map, allowed: Self.allowedKeys[type] ?? Self.commonKeys, in: what, misplaced: Self.misplacedKeys[type] ?? [:])
        } else {
            reader.checkKeys(map, allowed: Self.anyTypeKeys, in: what)
        }

        let area = reader.requiredText(map, "area", of: node, in: what)
        if let area, !areaIDs.contains(area), let areaNode = reader.value(map, "area") {
            let hint = YAMLReader.closest(to: area, among: outline.areaIDs).map { " (did you mean `\($0)`?)" } ?? "; areas: \(outline.areaIDs.joined(separator: ", "))"
            reader.report(areaNode, "unknown area `\(area)`\(hint)")
        }
        let objective = reader.requiredText(map, "objective", of: node, in: what)
        if let objective, !objectiveIDs.contains(objective), let objectiveNode = reader.value(map, "objective") {
            reader.report(objectiveNode, "unknown objective `\(objective)` in outline \(outline.version); objective ids look like `2.3c` (see Sources/Exam/Resources/ai300-outline.yaml)")
        }
        let difficulty: Difficulty? = enumValue(map, "difficulty", of: node, in: what, reader: &reader)
        let style: QuestionStyle? = enumValue(map, "style", of: node, in: what, reader: &reader)
        let stem = reader.requiredText(map, "stem", of: node, in: what)
        let asOf = reader.optionalText(map, "as_of", in: what)
        if let asOf, !Self.isCalendarDate(asOf), let dateNode = reader.value(map, "as_of") {
            reader.report(dateNode, "`as_of` must be a date YYYY-MM-DD, found \"\(YAMLReader.abbreviate(asOf))\"")
        }
        let tags = self.tags(map, in: what, reader: &reader)
        var body: QuestionBody?
        if let type { body = self.body(type, map, of: node, in: what, reader: &reader) }

        guard let id, let area, let objective, let difficulty, let style, let stem, let body else { return nil }
        return Question(id: id, area: area, objective: objective, difficulty: difficulty, style: style, stem: stem,
                        body: body, asOf: asOf, tags: tags, caseStudyID: caseStudyID, packID: packID,
                        location: reader.location(of: node))
    }

    private func enumValue<T: RawRepresentable & CaseIterable>(_ map: YAMLFields, _ key: String, of node: Node, in what: String, reader: inout YAMLReader) -> T? where T.RawValue == String {
        guard let text = reader.requiredText(map, key, of: node, in: what) else { return nil }
        if let value = T(rawValue: text) { return value }
        let choices = T.allCases.map(\.rawValue)
        if let valueNode = reader.value(map, key) {
            reader.report(valueNode, "`\(key)` in \(what) must be one of \(choices.joined(separator: ", ")), found `\(YAMLReader.abbreviate(text))`")
        }
        return nil
    }

    private func tags(_ map: YAMLFields, in what: String, reader: inout YAMLReader) -> [String] {
        guard let node = reader.value(map, "tags"), !YAMLReader.isNull(node), let items = reader.sequence(node, "tags", in: what) else { return [] }
        return items.compactMap { reader.text($0, key: "tags", in: what) }
    }

    private func body(_ type: QuestionType, _ map: YAMLFields, of node: Node, in what: String, reader: inout YAMLReader) -> QuestionBody? {
        switch type {
        case .single:
            guard let (options, keyCount) = choices(map, of: node, in: what, reader: &reader) else { return nil }
            if keyCount != 1, let listNode = reader.value(map, "options") {
                reader.report(listNode, keyCount == 0
                    ? "no option of \(what) has `correct: true`; a single question has exactly one"
                    : "\(keyCount) options of \(what) have `correct: true`; a single question has exactly one (use type: multiple and `choose`)")
                return nil
            }
            guard let options else { return nil }
            return .single(options: options)
        case .multiple:
            let chooseNode = reader.required(map, "choose", of: node, in: what)
            let choose = chooseNode.flatMap { reader.integer($0, key: "choose", in: what) }
            guard let (options, keyCount) = choices(map, of: node, in: what, reader: &reader), let choose, let chooseNode else { return nil }
            let optionCount = reader.value(map, "options")?.sequence?.count ?? 0
            if choose < 2 || choose >= optionCount {
                reader.report(chooseNode, Self.chooseProblem(choose: choose, optionCount: optionCount, in: what))
                return nil
            }
            if keyCount != choose, let listNode = reader.value(map, "options") {
                reader.report(listNode, "\(keyCount) option\(keyCount == 1 ? "" : "s") of \(what) \(keyCount == 1 ? "has" : "have") `correct: true` but `choose` is \(choose); they must match")
                return nil
            }
            guard let options else { return nil }
            return .multiple(options: options, choose: choose)
        case .ordering:
            guard let listNode = reader.required(map, "steps", of: node, in: what),
                  let items = reader.sequence(listNode, "steps", in: what) else { return nil }
            checkCount(items.count, Self.stepLimits, noun: "step", listNode: listNode, in: what, reader: &reader)
            var steps: [Option] = []
            for (index, item) in items.enumerated() {
                if let step = entry(item, label: "step \(index + 1)", keys: ["text", "rationale"], in: what, reader: &reader) {
                    steps.append(Option(text: step.text, correct: false, rationale: step.rationale))
                }
            }
            guard steps.count == items.count, Self.stepLimits.contains(items.count) else { return nil }
            checkDuplicateTexts(steps.map(\.text), items: items, noun: "steps", label: { "\($0 + 1)" }, in: what, reader: &reader)
            return .ordering(steps: steps)
        case .yesNoSeries:
            guard let listNode = reader.required(map, "statements", of: node, in: what),
                  let items = reader.sequence(listNode, "statements", in: what) else { return nil }
            checkCount(items.count, Self.statementLimits, noun: "statement", listNode: listNode, in: what, reader: &reader)
            var statements: [Statement] = []
            for (index, item) in items.enumerated() {
                let label = "statement \(index + 1)"
                guard let entry = entry(item, label: label, keys: ["text", "answer", "rationale"], in: what, reader: &reader),
                      let itemMap = YAMLFields(item) else { continue }
                guard let answerNode = reader.required(itemMap, "answer", of: item, in: "\(label) of \(what)"),
                      let answer = reader.boolean(answerNode, key: "answer", in: "\(label) of \(what)") else { continue }
                statements.append(Statement(text: entry.text, answer: answer, rationale: entry.rationale))
            }
            guard statements.count == items.count, Self.statementLimits.contains(items.count) else { return nil }
            return .yesNoSeries(statements: statements)
        }
    }

    /// The options of a single or multiple question (nil when any option is malformed) and how
    /// many options are marked correct (counted even when other parts are malformed); nil when
    /// there is no option list at all.
    private func choices(_ map: YAMLFields, of node: Node, in what: String, reader: inout YAMLReader) -> ([Option]?, Int)? {
        guard let listNode = reader.required(map, "options", of: node, in: what),
              let items = reader.sequence(listNode, "options", in: what) else { return nil }
        checkCount(items.count, Self.optionLimits, noun: "option", listNode: listNode, in: what, reader: &reader)
        var options: [Option] = []
        var keyCount = 0
        var complete = true
        var unreadableFlag = false
        for (index, item) in items.enumerated() {
            let label = "option \(Self.letter(index))"
            let entry = entry(item, label: label, keys: ["text", "correct", "rationale"], in: what, reader: &reader)
            var correct: Bool? = false
            if let itemMap = YAMLFields(item), let correctNode = reader.value(itemMap, "correct"), !YAMLReader.isNull(correctNode) {
                correct = reader.boolean(correctNode, key: "correct", in: "\(label) of \(what)")
            }
            if correct == true { keyCount += 1 }
            guard let entry, let correct else {
                complete = false
                if correct == nil { unreadableFlag = true }
                continue
            }
            options.append(Option(text: entry.text, correct: correct, rationale: entry.rationale))
        }
        // With an unreadable `correct` the key count is unknown; that flag was already reported.
        if unreadableFlag { return nil }
        guard complete, Self.optionLimits.contains(items.count) else { return (nil, keyCount) }
        checkDuplicateTexts(options.map(\.text), items: items, noun: "options", label: { Self.letter($0) }, in: what, reader: &reader)
        return (options, keyCount)
    }

    /// The text and rationale of an option, step or statement.
    private func entry(_ item: Node, label: String, keys: [String], in what: String, reader: inout YAMLReader) -> (text: String, rationale: String)? {
        let context = "\(label) of \(what)"
        guard let itemMap = reader.mapping(item, context) else { return nil }
        reader.checkKeys(itemMap, allowed: keys, in: context)
        let text = reader.requiredText(itemMap, "text", of: item, in: context)
        let rationaleNode = reader.value(itemMap, "rationale")
        var rationale: String?
        if let rationaleNode, !YAMLReader.isNull(rationaleNode) {
            rationale = reader.text(rationaleNode, key: "rationale", in: context)
        } else {
            reader.report(item, "\(context) has no `rationale`; say why it is right or wrong in this situation")
        }
        guard let text, let rationale else { return nil }
        return (text, rationale)
    }

    private func checkCount(_ count: Int, _ limits: ClosedRange<Int>, noun: String, listNode: Node, in what: String, reader: inout YAMLReader) {
        guard !limits.contains(count) else { return }
        reader.report(listNode, "\(what) has \(count) \(noun)\(count == 1 ? "" : "s"); it needs \(limits.lowerBound) to \(limits.upperBound)")
    }

    private func checkDuplicateTexts(_ texts: [String], items: [Node], noun: String, label: (Int) -> String, in what: String, reader: inout YAMLReader) {
        var seen: [String: Int] = [:]
        for (index, text) in texts.enumerated() {
            let key = text.lowercased().trimmed
            if let first = seen[key], index < items.count {
                reader.report(items[index], "\(noun) \(label(first)) and \(label(index)) of \(what) have the same text")
            } else {
                seen[key] = index
            }
        }
    }

    /// `a` for 0, `b` for 1, ...
    /// Why `choose` does not fit the options of a multiple question: at least 2, and fewer than
    /// the options (choosing all of them would not be a question).
    static func chooseProblem(choose: Int, optionCount: Int, in what: String) -> String {
        if optionCount < 3 {
            return "`choose: \(choose)` in \(what) cannot work with \(optionCount) option\(optionCount == 1 ? "" : "s"): a multiple question needs at least 3 options and `choose` from 2 to one less than the options"
        }
        if choose < 2 {
            return "`choose: \(choose)` in \(what) is too small: a multiple question chooses at least 2 (use type: single for one answer)"
        }
        return "`choose: \(choose)` in \(what) is too large: with \(optionCount) options it can be at most \(optionCount - 1)"
    }

    static func letter(_ index: Int) -> String {
        guard index >= 0, index < 26, let scalar = Unicode.Scalar(97 + index) else { return "#\(index + 1)" }
        return String(Character(scalar))
    }

    /// Whether `text` is an existing calendar date written `YYYY-MM-DD`.
    static func isCalendarDate(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              parts.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
              let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
              (1...12).contains(month), day >= 1 else { return false }
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
        let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        return day <= days[month - 1]
    }
}
