import Foundation
import Testing
@testable import AzCLI

/// Every data, environment, compute, component, model, registry and workspace YAML of the Azure ML
/// examples (shared/azureml-examples) goes through the real `az ml <kind> create -f` here.
/// Code folders the copy lacks get the project's own small fixtures, written into a temporary
/// copy of the corpus (the shared folder is never modified).
@Suite("Compatibility corpus (assets and resources)")
struct CorpusTests {
    /// `shared/` sits beside the repository (in CI too).
    static let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared/azureml-examples")

    /// Files that are deliberately not valid as they stand, with the reason.
    static let expectedFailures: [String: String] = [
        "endpoints/online/managed/minimal/single-model-registered/model.yml": "version is a {{MODEL_VERSION}} template placeholder filled in by a script",
    ]

    enum Kind: String { case data, environment, compute, component, model, registry, workspace }

    static func kind(of relative: String, text: String) -> Kind? {
        if relative.hasPrefix("resources/registry/") { return .registry }
        if text.contains("workspace.schema.json") { return .workspace }
        if text.contains("data.schema.json") { return .data }
        if text.contains("environment.schema.json") { return .environment }
        if text.contains("amlCompute.schema.json") || text.contains("computeInstance.schema.json") { return .compute }
        if text.contains("commandComponent.schema.json") || text.contains("pipelineComponent.schema.json") { return .component }
        if text.contains("/model.schema.json") { return .model }
        return nil
    }

    /// Copies the corpus and adds fixtures for the code folders and files the copy lacks.
    static func preparedCopy() throws -> (root: URL, work: URL, home: URL) {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("corpus-\(UUID().uuidString)")
        let work = root.appendingPathComponent("examples")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: corpus, to: work)
        let fixtures: [String: String] = [
            "jobs/pipelines-with-components/basics/1b_e2e_registered_components/train_src/train.py": "print('train')\n",
            "jobs/pipelines-with-components/basics/2b_component_with_input_output/src/hello.py": "print('hello')\n",
            "jobs/pipelines-with-components/basics/4d_data_input/src/hello.py": "print('hello')\n",
            "jobs/pipelines-with-components/basics/1a_e2e_local_components/score_src/score.py": "print('score')\n",
            "jobs/pipelines-with-components/basics/1a_e2e_local_components/train_src/train.py": "print('train')\n",
            "jobs/pipelines-with-components/basics/1a_e2e_local_components/eval_src/eval.py": "print('eval')\n",
            "assets/component/component_src/component.py": "print('component')\n",
            "assets/component/common_src/utils.py": "VALUE = 1\n",
            "assets/component/train_src/train.py": "print('train')\n",
            "assets/model/mlflow-model/model.pkl": "fixture model bytes\n",
            "assets/environment/docker-contexts/python-and-pip/Dockerfile": "FROM mcr.microsoft.com/azureml/openmpi4.1.0-ubuntu22.04\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\n",
            "endpoints/online/model-1/model/sklearn_regression_model.pkl": "fixture model bytes\n",
        ]
        for (relative, text) in fixtures {
            let url = work.appendingPathComponent(relative)
            if FileManager.default.fileExists(atPath: url.path) { continue }
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
        return (root, work, root.appendingPathComponent("home"))
    }

    @Test("every asset and resource YAML creates without false errors")
    func corpusCreates() throws {
        try #require(FileManager.default.fileExists(atPath: CorpusTests.corpus.path), "the shared corpus is present")
        let copy = try CorpusTests.preparedCopy()
        let files = (FileManager.default.enumerator(atPath: copy.work.path)?.allObjects as? [String] ?? [])
            .filter { $0.hasSuffix(".yml") || $0.hasSuffix(".yaml") }.sorted()
        var counts: [Kind: Int] = [:]
        for relative in files {
            let url = copy.work.appendingPathComponent(relative)
            guard let text = try? String(contentsOf: url, encoding: .utf8), let kind = CorpusTests.kind(of: relative, text: text) else { continue }
            counts[kind, default: 0] += 1
            let console = CapturingConsole()
            let status = AzRunner.run(["ml", kind.rawValue, "create", "-f", url.path, "-o", "none"],
                                      environment: AzEnvironment(home: copy.home, workingFolder: copy.work, console: console))
            if let reason = CorpusTests.expectedFailures[relative] {
                #expect(status == 1, "\(relative) should fail: \(reason)")
                #expect(console.errors.contains("The yaml file you provided does not match"), "\(relative): \(console.errors)")
            } else {
                #expect(status == 0, "\(relative): \(console.errors)")
                #expect(!console.errors.contains("Met error"), "\(relative) crashed: \(console.errors)")
            }
        }
        #expect(counts[.data, default: 0] >= 9)
        #expect(counts[.environment, default: 0] == 3)
        #expect(counts[.compute, default: 0] == 4)
        #expect(counts[.component, default: 0] >= 8)
        #expect(counts[.model, default: 0] == 3)
        #expect(counts[.registry, default: 0] == 1)
        #expect(counts[.workspace, default: 0] == 1)
    }

    @Test("unsupported features say 'not simulated yet', never a silent accept")
    func notSimulated() throws {
        let box = try AzSandbox()
        try box.write("ws.yml", "name: secure\nmanaged_network:\n  isolation_mode: allow_internet_outbound\n")
        let result = box.az("ml workspace create -f ws.yml")
        #expect(result.status == 1)
        #expect(result.stderr == "ERROR: not simulated yet: workspace managed network\n")
        try box.write("k8s.yml", "name: k8s\ntype: kubernetes\n")
        #expect(box.az("ml compute create -f k8s.yml").stderr.contains("not simulated yet: kubernetes compute"))
    }
}
