import Foundation
import Workspace

/// Lab ids by readiness area (for the scorecard's next steps), read from each `lab.yaml`'s `id`
/// and `areas` and remembered in a cache file keyed by each file's size and modification time,
/// so the scorecard does not parse every lab on every run.
public enum LabAreaIndex {
    /// One lab.yaml as last read.
    struct Entry: Codable, Equatable {
        var folder: String
        var size: UInt64
        var modified: Double
        var id: String?
        var areas: [String]
    }

    /// Lab ids by area for the labs under `folder`; `cache` (a JSON file) is read and rewritten
    /// when given. A cache that cannot be read or written is ignored.
    public static func idsByArea(folder: URL, cache: URL?) -> [String: [String]] {
        let manager = FileManager.default
        guard let names = try? manager.contentsOfDirectory(atPath: folder.path) else { return [:] }
        let cached = cache.flatMap { try? JSONDecoder().decode([Entry].self, from: Data(contentsOf: $0)) } ?? []
        let known = Dictionary(cached.map { ($0.folder, $0) }, uniquingKeysWith: { first, _ in first })
        var entries: [Entry] = []
        for name in names.sorted() {
            let file = folder.appendingPathComponent(name).appendingPathComponent("lab.yaml")
            guard let attributes = try? manager.attributesOfItem(atPath: file.path),
                  let size = (attributes[.size] as? NSNumber)?.uint64Value,
                  let modified = (attributes[.modificationDate] as? Date)?.timeIntervalSince1970 else { continue }
            if let entry = known[name], entry.size == size, entry.modified == modified {
                entries.append(entry)
            } else {
                entries.append(read(file, folder: name, size: size, modified: modified))
            }
        }
        if let cache, entries != cached, let data = try? JSONEncoder().encode(entries) {
            try? manager.createDirectory(at: cache.deletingLastPathComponent(), withIntermediateDirectories: true)
            try? data.write(to: cache, options: .atomic)
        }
        var result: [String: [String]] = [:]
        for entry in entries {
            guard let id = entry.id else { continue }
            for area in entry.areas { result[area, default: []].append(id) }
        }
        return result
    }

    private static func read(_ file: URL, folder: String, size: UInt64, modified: Double) -> Entry {
        guard let data = FileManager.default.contents(atPath: file.path),
              let document = try? YAMLDocument.parse(String(decoding: data, as: UTF8.self), file: file, entity: "lab") else {
            return Entry(folder: folder, size: size, modified: modified, id: nil, areas: [])
        }
        let areas = document.root["areas"]?.arrayValue?.compactMap(\.stringValue) ?? []
        return Entry(folder: folder, size: size, modified: modified, id: document.root["id"]?.stringValue, areas: areas)
    }
}
