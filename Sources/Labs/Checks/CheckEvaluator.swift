import AzCLI
import Foundation
import Workspace

/// Evaluates a lab's checks against its workspace and working folder.
public struct CheckEvaluator {
    let sandbox: LabSandbox
    /// Jobs that existed when setup ended; `job` checks count only newer ones.
    let baselineJobs: Set<String>

    public init(sandbox: LabSandbox, baselineJobs: Set<String>) {
        self.sandbox = sandbox
        self.baselineJobs = baselineJobs
    }

    public func evaluate(_ checks: [LabCheck]) -> [CheckOutcome] {
        checks.map(evaluate)
    }

    public func evaluate(_ check: LabCheck) -> CheckOutcome {
        let (passed, observed) = judge(check)
        return CheckOutcome(id: check.id, passed: passed, weight: check.weight, area: check.area, objective: check.objective, observed: observed)
    }

    private func judge(_ check: LabCheck) -> (Bool, String) {
        do {
            switch check.kind {
            case .az(let command, let query):
                return try commandCheck("az \(command) -o json", query: query, comparator: check.comparator)
            case .command(let command, let query):
                return try commandCheck(command, query: query, comparator: check.comparator)
            case .job(let filter, let status, let count):
                return try jobCheck(filter: filter, status: status, count: count)
            case .file(let path, let query):
                return try fileCheck(path: path, query: query, comparator: check.comparator)
            case .noSecrets(let paths):
                let findings = SecretScanner(planted: sandbox.plantedSecrets).scan(root: sandbox.workFolder, paths: paths)
                if findings.isEmpty { return (true, "no secret found") }
                return (false, findings.prefix(5).map(\.description).joined(separator: "; "))
            }
        } catch {
            return (false, String(describing: error))
        }
    }

    private func commandCheck(_ line: String, query: String?, comparator: Comparator?) throws -> (Bool, String) {
        let output = try sandbox.run(line)
        let succeeded = output.status == 0
        if case .succeeds(let wanted) = comparator {
            return (succeeded == wanted, succeeded ? "the command succeeded" : "the command failed: \(Self.firstLine(output.stderr))")
        }
        guard succeeded else { return (false, "the command failed: \(Self.firstLine(output.stderr))") }
        guard let comparator else { return (true, "the command succeeded") }
        let printed = output.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        var value = JSONValue.parse(printed) ?? .string(printed)
        if let query { value = try JMESPath(query).search(value) }
        return (ValueComparison.holds(comparator, on: value), ValueComparison.shortText(value))
    }

    private func jobCheck(filter: String?, status: String, count: Int) throws -> (Bool, String) {
        let jobs = try sandbox.azJSON("ml job list --all-results").arrayValue ?? []
        let expression = try filter.map { try JMESPath($0) }
        let fresh = jobs.filter { job in job["name"]?.stringValue.map { !baselineJobs.contains($0) } ?? false }
        let matching = try fresh.filter { job in try expression.map { ValueComparison.truthy(try $0.search(job)) } ?? true }
        let done = matching.filter { $0["status"]?.stringValue == status }
        let summary = matching.isEmpty
            ? "\(fresh.count) job(s) since setup, none matching"
            : "matching jobs since setup: " + matching.prefix(5).map { "\($0["name"]?.stringValue ?? "?") (\($0["status"]?.stringValue ?? "?"))" }.joined(separator: ", ")
        return (done.count >= count, summary)
    }

    private func fileCheck(path: String, query: String?, comparator: Comparator?) throws -> (Bool, String) {
        let url = try sandbox.file(path)
        let exists = FileManager.default.fileExists(atPath: url.path)
        if case .exists(let wanted) = comparator, query == nil {
            return (exists == wanted, exists ? "\(path) exists" : "\(path) does not exist")
        }
        guard exists else { return (false, "\(path) does not exist") }
        let text = try sandbox.read(path)
        guard let comparator else { return (true, "\(path) exists") }
        var value = JSONValue.string(text)
        if let query {
            let document: YAMLDocument
            do { document = try YAMLDocument.parse(text, file: url, entity: "file") } catch {
                return (false, "\(path) is not valid YAML or JSON")
            }
            value = try JMESPath(query).search(document.root)
        }
        return (ValueComparison.holds(comparator, on: value), query == nil ? "\(path) (\(text.count) characters)" : ValueComparison.shortText(value))
    }

    static func firstLine(_ text: String) -> String {
        let line = text.split(separator: "\n").first.map(String.init) ?? ""
        return line.count > 200 ? String(line.prefix(197)) + "..." : line
    }
}
