import Yams

extension Outline {
    /// Parses outline YAML; throws `OutlineError.invalid` listing every problem.
    public static func parse(bytes: [UInt8], file: String) throws(OutlineError) -> Outline {
        var reader = YAMLReader(file: file)
        guard let root = reader.compose(bytes: bytes), let top = reader.mapping(root, "the outline") else {
            throw .invalid(reader.diagnostics)
        }
        reader.checkKeys(top, allowed: ["outline", "title", "as_of", "exam", "domains", "areas"], in: "the outline")
        let version = reader.requiredText(top, "outline", of: root, in: "the outline") ?? ""
        let title = reader.requiredText(top, "title", of: root, in: "the outline") ?? ""
        let asOf = reader.requiredText(top, "as_of", of: root, in: "the outline") ?? ""
        let exam = reader.required(top, "exam", of: root, in: "the outline").flatMap { parseExam($0, &reader) }
        var domains: [Domain] = []
        if let node = reader.required(top, "domains", of: root, in: "the outline"), let items = reader.sequence(node, "domains", in: "the outline") {
            domains = items.compactMap { parseDomain($0, &reader) }
        }
        var areas: [Area] = []
        if let node = reader.required(top, "areas", of: root, in: "the outline"), let items = reader.sequence(node, "areas", in: "the outline") {
            areas = items.compactMap { parseArea($0, &reader) }
        }
        guard reader.diagnostics.isEmpty, let exam else { throw .invalid(reader.diagnostics) }
        return Outline(version: version, title: title, asOf: asOf, exam: exam, domains: domains, areas: areas)
    }

    private static func parseExam(_ node: Node, _ reader: inout YAMLReader) -> ExamSettings? {
        guard let map = reader.mapping(node, "`exam`") else { return nil }
        reader.checkKeys(map, allowed: ["minutes", "questions", "passing_scaled_score", "max_scaled_score"], in: "`exam`")
        func int(_ m: YAMLFields, _ key: String, _ owner: Node, _ reader: inout YAMLReader) -> Int? {
            reader.required(m, key, of: owner, in: "`exam`").flatMap { reader.integer($0, key: key, in: "`exam`") }
        }
        let minutes = int(map, "minutes", node, &reader)
        let passing = int(map, "passing_scaled_score", node, &reader)
        let maximum = int(map, "max_scaled_score", node, &reader)
        guard let questionsNode = reader.required(map, "questions", of: node, in: "`exam`"),
              let questions = reader.mapping(questionsNode, "`exam.questions`") else { return nil }
        reader.checkKeys(questions, allowed: ["min", "max", "default"], in: "`exam.questions`")
        let qMin = int(questions, "min", questionsNode, &reader)
        let qMax = int(questions, "max", questionsNode, &reader)
        let qDefault = int(questions, "default", questionsNode, &reader)
        guard let minutes, let passing, let maximum, let qMin, let qMax, let qDefault else { return nil }
        return ExamSettings(minutes: minutes, minQuestions: qMin, maxQuestions: qMax, defaultQuestions: qDefault,
                            passingScaledScore: passing, maxScaledScore: maximum)
    }

    private static func parseDomain(_ node: Node, _ reader: inout YAMLReader) -> Domain? {
        guard let map = reader.mapping(node, "a domain") else { return nil }
        reader.checkKeys(map, allowed: ["id", "title", "weight", "objectives"], in: "a domain")
        let id = reader.requiredText(map, "id", of: node, in: "a domain")
        let title = reader.requiredText(map, "title", of: node, in: "a domain")
        var weights: (Int, Int)?
        if let weightNode = reader.required(map, "weight", of: node, in: "a domain"),
           let weight = reader.mapping(weightNode, "`weight`") {
            reader.checkKeys(weight, allowed: ["min", "max"], in: "`weight`")
            let low = reader.required(weight, "min", of: weightNode, in: "`weight`").flatMap { reader.integer($0, key: "min", in: "`weight`") }
            let high = reader.required(weight, "max", of: weightNode, in: "`weight`").flatMap { reader.integer($0, key: "max", in: "`weight`") }
            if let low, let high { weights = (low, high) }
        }
        var objectives: [Objective] = []
        if let id, let objectivesNode = reader.required(map, "objectives", of: node, in: "a domain"),
           let objectiveMap = reader.mapping(objectivesNode, "`objectives`") {
            for (key, value) in objectiveMap.entries {
                guard let objectiveID = reader.text(key, key: "objective id", in: "`objectives`"),
                      let objectiveTitle = reader.text(value, key: objectiveID, in: "`objectives`") else { continue }
                objectives.append(Objective(id: objectiveID, title: objectiveTitle, domainID: id))
            }
        }
        guard let id, let title, let weights else { return nil }
        return Domain(id: id, title: title, minWeight: weights.0, maxWeight: weights.1, objectives: objectives)
    }

    private static func parseArea(_ node: Node, _ reader: inout YAMLReader) -> Area? {
        guard let map = reader.mapping(node, "an area") else { return nil }
        reader.checkKeys(map, allowed: ["id", "title", "hands_on", "next_step"], in: "an area")
        let id = reader.requiredText(map, "id", of: node, in: "an area")
        let title = reader.requiredText(map, "title", of: node, in: "an area")
        let handsOn = reader.required(map, "hands_on", of: node, in: "an area").flatMap { reader.boolean($0, key: "hands_on", in: "an area") }
        let nextStep = reader.requiredText(map, "next_step", of: node, in: "an area")
        guard let id, let title, let handsOn, let nextStep else { return nil }
        return Area(id: id, title: title, handsOn: handsOn, nextStep: nextStep)
    }
}
