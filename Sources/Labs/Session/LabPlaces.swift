import Foundation

/// Where a lab lives in the state home: `labs/<id>/workspace` (the lab's own workspace home),
/// `labs/<id>/work` (the learner's working folder) and `labs/<id>/snapshot` (the starting state).
public struct LabPlaces: Sendable {
    public let home: URL
    public let labID: String

    public init(home: URL, labID: String) {
        self.home = home.standardizedFileURL
        self.labID = labID
    }

    public var root: URL { home.appendingPathComponent("labs").appendingPathComponent(labID) }
    public var workspace: URL { root.appendingPathComponent("workspace") }
    public var work: URL { root.appendingPathComponent("work") }
    public var snapshot: URL { root.appendingPathComponent("snapshot") }
    var snapshotWorkspace: URL { snapshot.appendingPathComponent("workspace") }
    var snapshotWork: URL { snapshot.appendingPathComponent("work") }
    var baselineFile: URL { snapshot.appendingPathComponent("baseline.json") }

    /// The marker naming the lab in progress.
    public static func activeMarker(home: URL) -> URL {
        home.appendingPathComponent("labs").appendingPathComponent("active.json")
    }
}

/// What the starting state holds besides its files: its fingerprint, the jobs setup ran, and the
/// secrets faults planted.
struct LabBaseline: Codable, Sendable {
    var fingerprint: String
    var jobs: [String]
    var planted: [String]
}

/// The lab in progress in a state home.
public struct ActiveLab: Codable, Sendable, Equatable {
    public var lab: String
    public var attempt: Int64

    public static func read(home: URL) -> ActiveLab? {
        guard let data = FileManager.default.contents(atPath: LabPlaces.activeMarker(home: home).path) else { return nil }
        return try? JSONDecoder().decode(ActiveLab.self, from: data)
    }

    func write(home: URL) throws {
        let url = LabPlaces.activeMarker(home: home)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try JSONEncoder().encode(self).write(to: url)
    }

    static func clear(home: URL) {
        try? FileManager.default.removeItem(at: LabPlaces.activeMarker(home: home))
    }

    /// The workspace home commands should use: the active lab's workspace, or `home` itself.
    public static func workspaceHome(for home: URL) -> URL {
        guard let active = read(home: home) else { return home }
        let places = LabPlaces(home: home, labID: active.lab)
        return FileManager.default.fileExists(atPath: places.workspace.path) ? places.workspace : home
    }
}
