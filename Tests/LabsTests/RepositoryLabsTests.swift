import Foundation
import Testing
@testable import Labs

/// Every lab in `labs/` validates and passes its self-test (setup, checks fail, solution, checks pass,
/// twice), through the real binary; and docs/faults.md lists the catalogue as it is.
@Suite("The repository's labs")
struct RepositoryLabsTests {
    @Test func everyLabValidates() throws {
        let library = LabLibrary.load(folder: LabFixtures.repositoryLabs, outline: try LabFixtures.outline())
        #expect(library.diagnostics.isEmpty, "\(library.diagnostics.map(\.description).joined(separator: "\n"))")
    }

    @Test func everyLabPassesItsSelfTest() throws {
        let runner = LabFixtures.runner(labs: LabFixtures.repositoryLabs)
        let output = runner.run(["labs", "test", "--parallel", "2"], workingFolder: LabFixtures.packageRoot, home: FileManager.default.temporaryDirectory.appendingPathComponent("labs-test-home-\(UUID().uuidString)"))
        #expect(output.status == 0, "\(output.stdout)\n\(output.stderr)")
        print(output.stdout)
    }

    @Test func theFaultCatalogueDocumentIsCurrent() throws {
        let document = try String(contentsOf: LabFixtures.packageRoot.appendingPathComponent("docs/faults.md"), encoding: .utf8)
        #expect(document.contains(FaultCatalogueDocument.markdown()), "regenerate the table: mlopslab labs faults --markdown")
        #expect(FaultCatalogue.kinds.count == Set(FaultCatalogue.names).count)
    }
}
