import CLICore
import AzCLI
import Exam
import Foundation
import Workspace
import Yams

/// Reads `labs/<id>/lab.yaml` into a `LabDefinition`, reporting every problem as `file:line: message`:
/// structure, outline ids, fault kinds and their parameters, check kinds and comparators, JMESPath
/// queries, regular expressions, decisions, and every path (inside the lab folder, no symlink out).
public struct LabParser: Sendable {
    public let outline: Outline

    public init(outline: Outline) { self.outline = outline }

    static let topKeys = ["id", "title", "version", "areas", "objectives", "difficulty", "minutes", "time_limit", "pass_mark",
                          "hint_cost", "brief", "setup", "faults", "tasks", "decisions", "solution"]
    static let checkCommonKeys = ["id", "kind", "weight", "area", "objective", "message", "hints"]
    static let checkKindKeys: [String: [String]] = [
        "az": ["command", "query"], "command": ["command", "query"], "job": ["where", "status", "count"],
        "file": ["path", "query"], "no_secrets": ["paths"],
    ]

    /// The result of parsing one lab folder.
    public struct Result: Sendable {
        public var lab: LabDefinition?
        public var diagnostics: [LabDiagnostic]
    }

    /// Parses the lab in `folder`; `displayPath` is how its lab.yaml is named in diagnostics.
    public func parse(folder: URL, displayPath: String? = nil) -> Result {
        let file = folder.appendingPathComponent("lab.yaml")
        let shown = displayPath ?? file.path
        guard let data = FileManager.default.contents(atPath: file.path) else {
            return Result(lab: nil, diagnostics: [LabDiagnostic(file: shown, line: 0, message: "no lab.yaml in \(folder.path)")])
        }
        guard data.count <= 1_048_576 else {
            return Result(lab: nil, diagnostics: [LabDiagnostic(file: shown, line: 0, message: "lab.yaml is larger than 1 MB; put data in files/")])
        }
        let text = String(decoding: data, as: UTF8.self)
        do {
            guard try Yams.compose(yaml: text) != nil else {
                return Result(lab: nil, diagnostics: [LabDiagnostic(file: shown, line: 1, message: "lab.yaml is empty")])
            }
        } catch {
            return Result(lab: nil, diagnostics: [LabDiagnostic(file: shown, line: Self.errorLine(error), message: "YAML error: \(Self.firstLine(of: error))")])
        }
        let document: YAMLDocument
        do { document = try YAMLDocument.parse(text, file: file, entity: "lab") } catch {
            return Result(lab: nil, diagnostics: [LabDiagnostic(file: shown, line: 1, message: "YAML error: \(error)")])
        }
        var reader = FieldReader(file: shown, lines: document.lines)
        let lab = build(document.root, folder: folder.standardizedFileURL, bytes: Array(data), shown: shown, reader: &reader)
        return Result(lab: reader.diagnostics.isEmpty ? lab : nil, diagnostics: reader.diagnostics.sorted())
    }

    private func build(_ root: JSONValue, folder: URL, bytes: [UInt8], shown: String, reader: inout FieldReader) -> LabDefinition? {
        guard let top = reader.object(root, path: "", what: "lab.yaml") else { return nil }
        reader.checkKeys(top, path: "", allowed: Self.topKeys, in: "lab.yaml")
        let id = reader.text(top, "id", path: "", what: "lab.yaml")
        if let id {
            if !Self.isID(id) { reader.report("id", "lab id `\(id)` must be lowercase letters, digits and dashes") }
            if id != folder.lastPathComponent { reader.report("id", "lab id `\(id)` must equal its folder name `\(folder.lastPathComponent)`") }
        }
        let title = reader.text(top, "title", path: "", what: "lab.yaml")
        let version = reader.integer(top, "version", path: "", required: true, range: 1...10_000, what: "lab.yaml")
        let areas = reader.texts(top, "areas", path: "", required: true, what: "lab.yaml")
        let areaIDs = Set(outline.areaIDs)
        for (index, area) in areas.enumerated() where !areaIDs.contains(area) {
            reader.report("areas[\(index)]", "unknown area `\(area)`" + (FieldReader.closest(to: area, among: outline.areaIDs).map { "; did you mean `\($0)`?" } ?? ""))
        }
        if areas.isEmpty && top["areas"] != nil { reader.report("areas", "`areas` needs at least one area id") }
        let objectives = reader.texts(top, "objectives", path: "", required: true, what: "lab.yaml")
        let objectiveIDs = Set(outline.objectiveIDs)
        for (index, objective) in objectives.enumerated() where !objectiveIDs.contains(objective) {
            reader.report("objectives[\(index)]", "unknown objective `\(objective)`; objectives are the outline's sub-skill ids such as 2.3b")
        }
        var difficulty = Difficulty.medium
        if let raw = reader.text(top, "difficulty", path: "", what: "lab.yaml") {
            if let parsed = Difficulty(rawValue: raw) { difficulty = parsed } else { reader.report("difficulty", "`difficulty` must be easy, medium or hard, found `\(raw)`") }
        }
        let minutes = reader.integer(top, "minutes", path: "", required: true, range: 1...600, what: "lab.yaml")
        let timeLimit = reader.integer(top, "time_limit", path: "", required: false, range: 1...600, what: "lab.yaml")
        let passMark = reader.number(top, "pass_mark", path: "", range: 0.05...1, what: "lab.yaml") ?? 0.7
        let hintCost = reader.number(top, "hint_cost", path: "", range: 0...1, what: "lab.yaml") ?? 0.25
        let brief = reader.text(top, "brief", path: "", what: "lab.yaml")

        let context = Context(folder: folder, defaultArea: areas.first ?? "", defaultObjective: objectives.first ?? "",
                              areaIDs: areaIDs, objectiveIDs: objectiveIDs)
        let setup = parseSetup(top["setup"], context: context, reader: &reader)
        let faults = parseFaults(top["faults"], reader: &reader)
        let tasks = parseTasks(top["tasks"], context: context, reader: &reader)
        let (decisions, decisionDiagnostics) = PackParser(outline: outline).parseEmbeddedQuestions(bytes: bytes, file: shown, key: "decisions", owner: id ?? "lab")
        for diagnostic in decisionDiagnostics {
            reader.diagnostics.append(LabDiagnostic(file: diagnostic.file, line: diagnostic.line, message: diagnostic.message))
        }
        let solution = parseSolution(top["solution"], decisions: decisions, context: context, reader: &reader)

        var seenChecks: [String: Int] = [:]
        for (taskIndex, task) in tasks.enumerated() {
            for (checkIndex, check) in task.checks.enumerated() {
                if seenChecks[check.id] != nil {
                    reader.report("tasks[\(taskIndex)].checks[\(checkIndex)].id", "check id `\(check.id)` is used twice in this lab")
                }
                seenChecks[check.id] = check.line
            }
        }
        guard let id, let title, let version, let minutes, let brief, let setup, let solution else { return nil }
        return LabDefinition(id: id, title: title, version: version, areas: areas, objectives: objectives, difficulty: difficulty,
                             minutes: minutes, timeLimit: timeLimit, passMark: passMark, hintCost: hintCost, brief: brief,
                             setup: setup, faults: faults, tasks: tasks, decisions: decisions, solution: solution, folder: folder)
    }

    struct Context {
        let folder: URL
        let defaultArea: String
        let defaultObjective: String
        let areaIDs: Set<String>
        let objectiveIDs: Set<String>
    }

    // MARK: Setup and faults

    private func parseSetup(_ value: JSONValue?, context: Context, reader: inout FieldReader) -> LabSetup? {
        guard let value else {
            reader.report("", "missing required key `setup` in lab.yaml")
            return nil
        }
        guard let setup = reader.object(value, path: "setup", what: "`setup`") else { return nil }
        reader.checkKeys(setup, path: "setup", allowed: ["files", "commands"], in: "`setup`")
        var files: [FileCopy] = []
        for (index, item) in (reader.list(setup["files"], path: "setup.files", what: "`setup.files`") ?? []).enumerated() {
            let path = "setup.files[\(index)]"
            guard let fields = reader.object(item, path: path, what: "a setup file") else { continue }
            reader.checkKeys(fields, path: path, allowed: ["from", "to"], in: "a setup file")
            guard let from = reader.text(fields, "from", path: path, what: "a setup file") else { continue }
            let to = reader.text(fields, "to", path: path, required: false, what: "a setup file") ?? Self.defaultDestination(from)
            checkLabPath(from, path: "\(path).from", context: context, reader: &reader)
            checkWorkPath(to, path: "\(path).to", reader: &reader)
            files.append(FileCopy(from: from, to: to, line: reader.line(path)))
        }
        let commands = parseCommands(setup["commands"], path: "setup.commands", reader: &reader)
        return LabSetup(files: files, commands: commands)
    }

    private func parseCommands(_ value: JSONValue?, path: String, reader: inout FieldReader) -> [SourcedLine] {
        var commands: [SourcedLine] = []
        for (index, item) in (reader.list(value, path: path, what: "`\(path)`") ?? []).enumerated() {
            let itemPath = "\(path)[\(index)]"
            guard let text = item.stringValue, !text.trimmingCharacters(in: .whitespaces).isEmpty else {
                reader.report(itemPath, "every item of `\(path)` must be a command line")
                continue
            }
            checkCommandLine(text, path: itemPath, reader: &reader)
            commands.append(SourcedLine(text: text, line: reader.line(itemPath)))
        }
        return commands
    }

    private func checkCommandLine(_ text: String, path: String, reader: inout FieldReader) {
        do {
            let words = try LineTokenizer.words(text)
            if words.first == "mlopslab" { reader.report(path, "leave out the leading `mlopslab`: lab commands are mlopslab command lines") }
            if let first = words.first, ["lab", "labs"].contains(first) { reader.report(path, "a lab cannot run `\(first)` commands") }
        } catch {
            reader.report(path, "cannot split the command line: \(error)")
        }
    }

    private func parseFaults(_ value: JSONValue?, reader: inout FieldReader) -> [FaultSpec] {
        var faults: [FaultSpec] = []
        for (index, item) in (reader.list(value, path: "faults", what: "`faults`") ?? []).enumerated() {
            let path = "faults[\(index)]"
            guard var fields = reader.object(item, path: path, what: "a fault") else { continue }
            guard let kindName = reader.text(fields, "kind", path: path, what: "a fault") else { continue }
            fields["kind"] = nil
            guard let kind = FaultCatalogue.kind(named: kindName) else {
                let suggestion = FieldReader.closest(to: kindName, among: FaultCatalogue.names).map { "; did you mean `\($0)`?" } ?? ""
                reader.report("\(path).kind", "unknown fault kind `\(kindName)`\(suggestion) (docs/faults.md lists them)")
                continue
            }
            let known = kind.parameters.map(\.name)
            reader.checkKeys(fields, path: path, allowed: known, in: "fault `\(kindName)`")
            for parameter in kind.parameters where parameter.required && fields[parameter.name] == nil {
                reader.report(path, "fault `\(kindName)` needs `\(parameter.name)`: \(parameter.help)")
            }
            for key in ["file"] where known.contains(key) {
                if let relative = fields[key]?.stringValue { checkWorkPath(relative, path: "\(path).\(key)", reader: &reader) }
            }
            faults.append(FaultSpec(kind: kindName, arguments: FaultArguments(kind: kindName, values: fields), line: reader.line(path)))
        }
        return faults
    }

    // MARK: Tasks and checks

    private func parseTasks(_ value: JSONValue?, context: Context, reader: inout FieldReader) -> [LabTask] {
        guard let items = reader.list(value, path: "tasks", what: "`tasks`") else {
            reader.report("", "missing required key `tasks` in lab.yaml")
            return []
        }
        var tasks: [LabTask] = []
        for (index, item) in items.enumerated() {
            let path = "tasks[\(index)]"
            guard let fields = reader.object(item, path: path, what: "a task") else { continue }
            reader.checkKeys(fields, path: path, allowed: ["id", "title", "checks"], in: "a task")
            let id = reader.text(fields, "id", path: path, what: "a task")
            let title = reader.text(fields, "title", path: path, what: "a task")
            var checks: [LabCheck] = []
            let checkItems = reader.list(fields["checks"], path: "\(path).checks", what: "`checks`") ?? []
            if checkItems.isEmpty { reader.report(path, "a task needs at least one check") }
            for (checkIndex, checkItem) in checkItems.enumerated() {
                if let check = parseCheck(checkItem, path: "\(path).checks[\(checkIndex)]", context: context, reader: &reader) { checks.append(check) }
            }
            if let id, let title { tasks.append(LabTask(id: id, title: title, checks: checks)) }
        }
        if items.isEmpty { reader.report("tasks", "a lab needs at least one task") }
        return tasks
    }

    private func parseCheck(_ value: JSONValue, path: String, context: Context, reader: inout FieldReader) -> LabCheck? {
        guard let fields = reader.object(value, path: path, what: "a check") else { return nil }
        let id = reader.text(fields, "id", path: path, what: "a check")
        let what = id.map { "check `\($0)`" } ?? "a check"
        guard let kindName = reader.text(fields, "kind", path: path, what: what) else { return nil }
        guard let kindKeys = Self.checkKindKeys[kindName] else {
            let suggestion = FieldReader.closest(to: kindName, among: CheckKind.names).map { "; did you mean `\($0)`?" } ?? ""
            reader.report("\(path).kind", "unknown check kind `\(kindName)`\(suggestion); kinds: \(CheckKind.names.joined(separator: ", "))")
            return nil
        }
        reader.checkKeys(fields, path: path, allowed: Self.checkCommonKeys + kindKeys + Comparator.keys, in: what)
        let message = reader.text(fields, "message", path: path, what: what)
        let weight = reader.number(fields, "weight", path: path, range: 0.1...100, what: what) ?? 1
        let area = reader.text(fields, "area", path: path, required: false, what: what) ?? context.defaultArea
        if !context.areaIDs.contains(area), fields["area"] != nil { reader.report("\(path).area", "unknown area `\(area)`") }
        let objective = reader.text(fields, "objective", path: path, required: false, what: what) ?? context.defaultObjective
        if !context.objectiveIDs.contains(objective), fields["objective"] != nil { reader.report("\(path).objective", "unknown objective `\(objective)`") }
        let hints = reader.texts(fields, "hints", path: path, required: false, what: what)
        let query = reader.text(fields, "query", path: path, required: false, what: what)
        if let query {
            do { _ = try JMESPath(query) } catch { reader.report("\(path).query", "invalid JMESPath query `\(query)`: \(Self.jmesDetail(error))") }
        }
        let kind: CheckKind
        switch kindName {
        case "az", "command":
            guard let command = reader.text(fields, "command", path: path, what: what) else { return nil }
            checkCommandLine(command, path: "\(path).command", reader: &reader)
            if kindName == "az", command.hasPrefix("az ") { reader.report("\(path).command", "leave out the leading `az` in an az check's command") }
            kind = kindName == "az" ? .az(command: command, query: query) : .command(command: command, query: query)
        case "job":
            let filter = reader.text(fields, "where", path: path, required: false, what: what)
            if let filter {
                do { _ = try JMESPath(filter) } catch { reader.report("\(path).where", "invalid JMESPath expression `\(filter)`: \(Self.jmesDetail(error))") }
            }
            let status = reader.text(fields, "status", path: path, required: false, what: what) ?? "Completed"
            let count = reader.integer(fields, "count", path: path, required: false, range: 1...1000, what: what) ?? 1
            kind = .job(where: filter, status: status, count: count)
        case "file":
            guard let file = reader.text(fields, "path", path: path, what: what) else { return nil }
            checkWorkPath(file, path: "\(path).path", reader: &reader)
            kind = .file(path: file, query: query)
        default:
            let paths = reader.texts(fields, "paths", path: path, required: false, what: what)
            for (index, item) in paths.enumerated() { checkWorkPath(item, path: "\(path).paths[\(index)]", reader: &reader) }
            kind = .noSecrets(paths: paths)
        }
        let comparator = parseComparator(fields, kind: kind, path: path, what: what, reader: &reader)
        guard let id, let message else { return nil }
        return LabCheck(id: id, kind: kind, comparator: comparator, weight: weight, area: area, objective: objective,
                        message: message, hints: hints, line: reader.line(path))
    }

    private func parseComparator(_ fields: [String: JSONValue], kind: CheckKind, path: String, what: String, reader: inout FieldReader) -> Comparator? {
        let present = Comparator.keys.filter { fields[$0] != nil }
        if present.count > 1 {
            reader.report(path, "\(what) has \(present.count) comparators (\(present.joined(separator: ", "))); give one")
            return nil
        }
        guard let key = present.first, let value = fields[key] else {
            switch kind {
            case .file(_, let query) where query != nil:
                reader.report(path, "\(what) has a `query` but no comparator (equals, contains, at_least, ...)")
            case .az(_, let query) where query != nil, .command(_, let query) where query != nil:
                reader.report(path, "\(what) has a `query` but no comparator (equals, contains, at_least, ...)")
            case .file:
                reader.report(path, "\(what) needs a comparator (exists, contains, matches, ...)")
            default: break
            }
            return nil
        }
        if case .noSecrets = kind { reader.report("\(path).\(key)", "a no_secrets check takes no comparator"); return nil }
        if case .job = kind { reader.report("\(path).\(key)", "a job check takes `where`, `status` and `count`, not `\(key)`"); return nil }
        let keyPath = "\(path).\(key)"
        switch key {
        case "equals": return .equals(value)
        case "not_equals": return .notEquals(value)
        case "contains": return .contains(value)
        case "not_contains": return .notContains(value)
        case "at_least", "at_most":
            guard let number = value.doubleValue ?? value.stringValue.flatMap(Double.init), number.isFinite else {
                reader.report(keyPath, "`\(key)` must be a number")
                return nil
            }
            return key == "at_least" ? .atLeast(number) : .atMost(number)
        case "matches", "not_matches":
            guard let pattern = value.stringValue else { reader.report(keyPath, "`\(key)` must be a regular expression"); return nil }
            do { _ = try NSRegularExpression(pattern: pattern) } catch {
                reader.report(keyPath, "`\(key)` is not a valid regular expression: \(pattern)")
                return nil
            }
            return key == "matches" ? .matches(pattern) : .notMatches(pattern)
        default:
            guard case .bool(let flag) = value else { reader.report(keyPath, "`\(key)` must be true or false"); return nil }
            if key == "succeeds" {
                switch kind {
                case .az, .command: return .succeeds(flag)
                default: reader.report(keyPath, "`succeeds` applies to az and command checks"); return nil
                }
            }
            return .exists(flag)
        }
    }

    // MARK: Solution

    private func parseSolution(_ value: JSONValue?, decisions: [Question], context: Context, reader: inout FieldReader) -> LabSolution? {
        guard let value else {
            reader.report("", "missing required key `solution` in lab.yaml: every lab ships a reference solution")
            return nil
        }
        guard let fields = reader.object(value, path: "solution", what: "`solution`") else { return nil }
        reader.checkKeys(fields, path: "solution", allowed: ["explanation", "steps", "decisions"], in: "`solution`")
        let explanation = reader.text(fields, "explanation", path: "solution", what: "`solution`")
        var steps: [SolutionStep] = []
        let items = reader.list(fields["steps"], path: "solution.steps", what: "`solution.steps`") ?? []
        if items.isEmpty { reader.report("solution", "`solution.steps` needs at least one step") }
        for (index, item) in items.enumerated() {
            let path = "solution.steps[\(index)]"
            guard let step = reader.object(item, path: path, what: "a solution step") else { continue }
            let line = reader.line(path)
            if let command = step["run"] {
                reader.checkKeys(step, path: path, allowed: ["run"], in: "a `run` step")
                guard let text = command.stringValue else { reader.report("\(path).run", "`run` must be a command line"); continue }
                checkCommandLine(text, path: "\(path).run", reader: &reader)
                steps.append(.run(text, line: line))
            } else if step["copy"] != nil {
                reader.checkKeys(step, path: path, allowed: ["copy", "to"], in: "a `copy` step")
                guard let from = reader.text(step, "copy", path: path, what: "a `copy` step") else { continue }
                let to = reader.text(step, "to", path: path, required: false, what: "a `copy` step") ?? Self.defaultDestination(from)
                checkLabPath(from, path: "\(path).copy", context: context, reader: &reader)
                checkWorkPath(to, path: "\(path).to", reader: &reader)
                steps.append(.copy(from: from, to: to, line: line))
            } else if step["edit"] != nil {
                reader.checkKeys(step, path: path, allowed: ["edit", "replace", "with"], in: "an `edit` step")
                guard let file = reader.text(step, "edit", path: path, what: "an `edit` step"),
                      let old = reader.text(step, "replace", path: path, what: "an `edit` step") else { continue }
                let new = step["with"].flatMap(\.stringValue) ?? ""
                if step["with"] == nil { reader.report(path, "missing required key `with` in an `edit` step") }
                checkWorkPath(file, path: "\(path).edit", reader: &reader)
                steps.append(.edit(file: file, replace: old, with: new, line: line))
            } else if step["write"] != nil {
                reader.checkKeys(step, path: path, allowed: ["write", "content"], in: "a `write` step")
                guard let file = reader.text(step, "write", path: path, what: "a `write` step") else { continue }
                let content = step["content"]?.stringValue ?? ""
                if step["content"] == nil { reader.report(path, "missing required key `content` in a `write` step") }
                checkWorkPath(file, path: "\(path).write", reader: &reader)
                steps.append(.write(file: file, content: content, line: line))
            } else {
                reader.report(path, "a solution step is one of `run`, `copy`, `edit` or `write`")
            }
        }
        var answers: [String: String] = [:]
        if let given = reader.object(fields["decisions"], path: "solution.decisions", what: "`solution.decisions`") {
            for (key, answer) in given {
                let path = "solution.decisions.\(key)"
                guard let question = decisions.first(where: { $0.id == key }) else {
                    reader.report(path, "no decision `\(key)` in this lab")
                    continue
                }
                let text: String
                switch answer {
                case .string(let value): text = value
                case .int(let value): text = String(value)
                default: reader.report(path, "the answer to `\(key)` must be text such as `b` or `a,c`"); continue
                }
                if DecisionScoring.isCorrect(question, answer: text) != true {
                    reader.report(path, "the reference answer `\(text)` to decision `\(key)` is not its key; as presented the key is `\(AnswerChecker.keyText(for: question))`")
                }
                answers[key] = text
            }
        }
        for decision in decisions {
            if case .yesNoSeries = decision.body {
                reader.report("decisions", "decision `\(decision.id)` is a yes-no series; a decision is single, multiple or ordering")
            }
        }
        for decision in decisions where answers[decision.id] == nil {
            reader.report("solution", "`solution.decisions` has no answer for decision `\(decision.id)`")
        }
        guard let explanation else { return nil }
        return LabSolution(explanation: explanation, steps: steps, decisions: answers)
    }

    // MARK: Paths

    private func checkLabPath(_ relative: String, path: String, context: Context, reader: inout FieldReader) {
        do {
            let url = try LabSandbox.contained(relative, in: context.folder, what: "the lab folder")
            if !FileManager.default.fileExists(atPath: url.path) {
                reader.report(path, "\(relative) does not exist in the lab folder")
                return
            }
            for escape in Self.symlinksOut(of: url, root: context.folder) {
                reader.report(path, "\(escape) is a symbolic link that points outside the lab folder")
            }
        } catch {
            reader.report(path, "`\(relative)` points outside the lab folder; paths are relative to it, without `..`")
        }
    }

    private func checkWorkPath(_ relative: String, path: String, reader: inout FieldReader) {
        let parts = relative.split(separator: "/")
        if relative.hasPrefix("/") || relative.hasPrefix("~") || parts.contains("..") {
            reader.report(path, "`\(relative)` must be a relative path inside the working folder, without `..`")
        }
    }

    /// Symbolic links at or below `url` that resolve outside `root`.
    static func symlinksOut(of url: URL, root: URL) -> [String] {
        let base = root.resolvingSymlinksInPath()
        var found: [String] = []
        var candidates = [url]
        if let walker = FileManager.default.enumerator(at: url, includingPropertiesForKeys: [.isSymbolicLinkKey]) {
            for case let child as URL in walker { candidates.append(child) }
        }
        for candidate in candidates {
            let isLink = (try? candidate.resourceValues(forKeys: [.isSymbolicLinkKey]).isSymbolicLink) == true
            if isLink && !LabSandbox.isInside(candidate.resolvingSymlinksInPath(), base) {
                found.append(String(candidate.path.dropFirst(root.path.count + 1)))
            }
        }
        return found
    }

    static func defaultDestination(_ from: String) -> String {
        if from == "files" || from == "files/" { return "." }
        return from.hasPrefix("files/") ? String(from.dropFirst("files/".count)) : from
    }

    static func isID(_ id: String) -> Bool {
        !id.isEmpty && !id.hasPrefix("-") && !id.hasSuffix("-")
            && id.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
    }

    /// The parser's own words, without az's `argument --query` framing.
    static func jmesDetail(_ error: Error) -> String {
        String(describing: error).components(separatedBy: "': ").last ?? String(describing: error)
    }

    static func errorLine(_ error: Error) -> Int {
        if let yamlError = error as? YamlError {
            switch yamlError {
            case .scanner(_, _, let mark, _), .parser(_, _, let mark, _): return mark.line
            default: return 1
            }
        }
        return 1
    }

    static func firstLine(of error: Error) -> String {
        String(describing: error).split(separator: "\n").first.map(String.init) ?? "invalid YAML"
    }
}
