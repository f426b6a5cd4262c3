import Foundation
import Primitives
import Testing
@testable import Exam

@Suite struct BankLoaderTests {
    @Test func duplicateIdsAcrossFilesPointAtTheFirstDeclaration() throws {
        let folder = try TestSupport.fixtures.appendingPathComponent("duplicate-across")
        let result = BankLoader(outline: try TestSupport.outline).load(paths: [folder.path])
        let a = folder.appendingPathComponent("a.yaml").path
        let b = folder.appendingPathComponent("nested/b.yaml").path
        #expect(result.files == [a, b])
        #expect(result.diagnostics.map(\.description) == [
            "\(b):1:7: duplicate pack id `shared-pack`; first declared at \(a):1:7",
            "\(b):16:9: duplicate id `dup-001` (question); first declared at \(a):6:9 (question)",
        ])
        // The second dup-001 is dropped so lookups by id stay unambiguous.
        #expect(result.bank.questions.map(\.id) == ["dup-001", "dup-002"])
        #expect(result.bank.question(id: "dup-001")?.difficulty == .medium)
    }

    @Test func folderLoadingIsRecursiveSortedAndSkipsOtherFiles() throws {
        let root = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let sample = try Data(contentsOf: TestSupport.fixtures.appendingPathComponent("valid/sample-pack.yaml"))
        try FileManager.default.createDirectory(at: root.appendingPathComponent("z/deeper"), withIntermediateDirectories: true)
        try sample.write(to: root.appendingPathComponent("z/deeper/one.yaml"))
        let renamed = String(decoding: sample, as: UTF8.self)
            .replacingOccurrences(of: "smp-", with: "other-")
            .replacingOccurrences(of: "cs-sample", with: "cs-other")
            .replacingOccurrences(of: "pack: sample-pack", with: "pack: other-pack")
        try Data(renamed.utf8).write(to: root.appendingPathComponent("a.yml"))
        try Data("ignored".utf8).write(to: root.appendingPathComponent("readme.md"))
        let result = BankLoader(outline: try TestSupport.outline).load(paths: [root.path])
        #expect(result.diagnostics.isEmpty)
        #expect(result.files.map { URL(fileURLWithPath: $0).lastPathComponent } == ["a.yml", "one.yaml"])
        #expect(result.bank.packs.map(\.id) == ["other-pack", "sample-pack"])
        #expect(result.bank.questions.count == 16)
        #expect(result.bank.caseStudies.keys.sorted() == ["cs-other", "cs-sample"])
    }

    @Test func missingPathIsOneDiagnostic() throws {
        let result = BankLoader(outline: try TestSupport.outline).load(paths: ["/nonexistent/bank"])
        #expect(result.diagnostics.map(\.description) == ["/nonexistent/bank:0:0: no such file or folder"])
        #expect(result.bank.questions.isEmpty)
    }

    @Test func locatorPrefersTheEnvironment() {
        let path = BankLocator.defaultFolder(environment: ["MLOPSLAB_SCENARIOS": "/tmp/my-bank"], sourceFile: "/repo/Sources/Exam/Loading/BankLocator.swift", fileExists: { _ in true })
        #expect(path == "/tmp/my-bank")
    }

    @Test func locatorFindsTheRepositoryFolderFromTheSourcePath() {
        let path = BankLocator.defaultFolder(environment: [:], sourceFile: "/repo/Sources/Exam/Loading/BankLocator.swift", fileExists: { $0 == "/repo/scenarios" })
        #expect(path == "/repo/scenarios")
    }

    @Test func locatorFallsBackToTheWorkingDirectory() {
        let path = BankLocator.defaultFolder(environment: ["MLOPSLAB_SCENARIOS": ""], sourceFile: "/repo/Sources/Exam/Loading/BankLocator.swift", fileExists: { _ in false }, repositoryFolder: { _ in nil })
        #expect(path == "scenarios")
    }

    @Test func locatorFindsTheRepositoryFromTheExecutableWhateverTheWorkingDirectory() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("repo-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.createDirectory(at: root.appendingPathComponent("scenarios"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: root.appendingPathComponent(".build/debug"), withIntermediateDirectories: true)
        try Data().write(to: root.appendingPathComponent("Package.swift"))
        let found = RepositoryFolder.find("scenarios", executable: root.appendingPathComponent(".build/debug/mlopslab").path, workingDirectory: "/")
        #expect(found?.standardizedFileURL.path == root.appendingPathComponent("scenarios").standardizedFileURL.path)
        #expect(RepositoryFolder.find("scenarios", executable: "/usr/bin/mlopslab", workingDirectory: "/") == nil)
    }
}
