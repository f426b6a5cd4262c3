import CLICore
import Foundation
import MLCore
@testable import AzCLI
@testable import Serving
import Workspace

/// Captures what a command writes.
final class CapturingConsole: Console, @unchecked Sendable {
    var output = ""
    var errors = ""
    var lines: [String] = []
    var isInteractive: Bool { false }
    var colorEnabled: Bool { false }

    func readLine(prompt: String) -> LineInput {
        guard !lines.isEmpty else { return .endOfInput }
        return .line(lines.removeFirst())
    }
    func write(_ text: String) { output += text }
    func writeError(_ text: String) { errors += text }
}

/// A fresh state home and working folder with a trained 3-feature logistic regression registered as an
/// MLflow model (`azureml:clf:1`).
struct ServingSandbox {
    let root: URL
    let home: URL
    let work: URL

    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    init(registerModel: Bool = true) throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("serving-tests-\(UUID().uuidString)")
        home = root.appendingPathComponent("home")
        work = root.appendingPathComponent("work")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        ServingSandbox.useBuiltExecutable()
        guard registerModel else { return }
        var csv = "x1,x2,x3,y\n"
        var state: UInt64 = 42
        func next() -> Double {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Double(state >> 11) / Double(1 << 53) * 4 - 2
        }
        for _ in 0..<200 {
            let x1 = next(), x2 = next(), x3 = next()
            let y = x1 + 0.5 * x2 - x3 + 0.3 * next() > 0 ? 1 : 0
            csv += "\(x1),\(x2),\(x3),\(y)\n"
        }
        let table = try CSVReader.parse(text: csv)
        let model = try Trainer.train(table, spec: TrainingSpec(label: "y", algorithm: .logisticRegression))
        try ModelArtifact.save(model, to: work.appendingPathComponent("model").path)
        let created = az("ml model create -n clf -v 1 --type mlflow_model --path model -o none")
        guard created.status == 0 else { throw WorkspaceError.failed("model create failed: \(created.stderr)") }
    }

    /// Points host start-up at the built `mlopslab` next to the test bundle.
    static func useBuiltExecutable() {
        let folder = URL(fileURLWithPath: (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0])
            .deletingLastPathComponent()
        for candidate in [folder, folder.deletingLastPathComponent()] {
            let exe = candidate.appendingPathComponent("mlopslab")
            if FileManager.default.isExecutableFile(atPath: exe.path) { setenv("MLOPSLAB_SERVE_EXECUTABLE", exe.path, 1); return }
        }
    }

    @discardableResult
    func az(_ line: String) -> Result { az(words: line.split(separator: " ").map(String.init)) }

    @discardableResult
    func az(words: [String], input: [String] = []) -> Result {
        let console = CapturingConsole()
        console.lines = input
        let status = AzRunner.run(words, environment: AzEnvironment(home: home, workingFolder: work, console: console))
        return Result(status: status, stdout: console.output, stderr: console.errors)
    }

    func write(_ relative: String, _ text: String) throws {
        let url = work.appendingPathComponent(relative)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: url, atomically: true, encoding: .utf8)
    }

    func workspace() throws -> Workspace { try Workspace(home: home) }

    func target() throws -> WorkspaceTarget { try workspace().target(group: nil, workspace: nil) }

    /// Creates and provisions a deployment without starting the host (for router tests).
    func provision(endpoint: String, deployment: String, yaml extra: String = "") throws -> JSONValue {
        let file = "\(endpoint)-\(deployment).yml"
        try write(file, "name: \(deployment)\nendpoint_name: \(endpoint)\nmodel: azureml:clf:1\ninstance_type: Standard_DS3_v2\ninstance_count: 1\n\(extra)")
        let document = try YAMLDocument.load(work.appendingPathComponent(file), entity: "ManagedOnlineDeployment")
        let request = try OnlineDeploymentRequest(document: document, endpointName: nil)
        let workspace = try workspace()
        _ = try OnlineDeploymentStore(workspace: workspace).create(request, in: try target())
        return try DeploymentProvisioner(workspace: workspace, target: try target(), pathGuard: PathGuard(roots: [work, home]))
            .provision(endpoint: endpoint, deployment: deployment, specFolder: work)
    }

    func keys(_ endpoint: String) throws -> (String, String) {
        let credentials = try OnlineEndpointStore(workspace: workspace()).credentials(endpoint, in: target())
        return (credentials["primaryKey"]?.stringValue ?? "", credentials["secondaryKey"]?.stringValue ?? "")
    }

    static let oneRow = #"{"input_data": {"columns": ["x1", "x2", "x3"], "index": [0], "data": [[1.5, 0.2, -1.0]]}}"#
}
