import Foundation
import Testing
@testable import Labs

@Suite struct LabAreaIndexTests {
    private func makeLabs() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("mlopslab-lab-index-\(UUID().uuidString)")
        for (id, areas) in [("alpha", "[cicd, cost-management]"), ("beta", "[cicd]")] {
            let lab = folder.appendingPathComponent(id)
            try FileManager.default.createDirectory(at: lab, withIntermediateDirectories: true)
            try "id: \(id)\nareas: \(areas)\n".write(to: lab.appendingPathComponent("lab.yaml"), atomically: true, encoding: .utf8)
        }
        return folder
    }

    @Test func indexesLabsByAreaAndRereadsAChangedLab() throws {
        let labs = try makeLabs()
        let cache = labs.appendingPathComponent("cache/lab-areas.json")
        #expect(LabAreaIndex.idsByArea(folder: labs, cache: cache) == ["cicd": ["alpha", "beta"], "cost-management": ["alpha"]])
        #expect(FileManager.default.fileExists(atPath: cache.path))
        #expect(LabAreaIndex.idsByArea(folder: labs, cache: cache) == ["cicd": ["alpha", "beta"], "cost-management": ["alpha"]])

        try "id: beta\nareas: [troubleshooting, responsible-ai]\n".write(
            to: labs.appendingPathComponent("beta/lab.yaml"), atomically: true, encoding: .utf8)
        #expect(LabAreaIndex.idsByArea(folder: labs, cache: cache) == [
            "cicd": ["alpha"], "cost-management": ["alpha"], "troubleshooting": ["beta"], "responsible-ai": ["beta"],
        ])
    }

    @Test func aDamagedCacheIsRebuilt() throws {
        let labs = try makeLabs()
        let cache = labs.appendingPathComponent("lab-areas.json")
        try "{not json".write(to: cache, atomically: true, encoding: .utf8)
        #expect(LabAreaIndex.idsByArea(folder: labs, cache: cache) == ["cicd": ["alpha", "beta"], "cost-management": ["alpha"]])
        let entries = try JSONDecoder().decode([LabAreaIndex.Entry].self, from: Data(contentsOf: cache))
        #expect(entries.map(\.id) == ["alpha", "beta"])
    }
}
