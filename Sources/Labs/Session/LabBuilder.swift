import Foundation
import Primitives
import Serving
import Workspace

/// Builds a lab's starting state: copies its files, runs its setup commands, applies its faults,
/// records the baseline and keeps a snapshot; later starts and resets copy the snapshot back.
public struct LabBuilder {
    let lab: LabDefinition
    let places: LabPlaces
    let runner: any LabCommandRunner

    public init(lab: LabDefinition, places: LabPlaces, runner: any LabCommandRunner) {
        self.lab = lab
        self.places = places
        self.runner = runner
    }

    /// The sandbox over the lab's live workspace and working folder.
    public var sandbox: LabSandbox {
        LabSandbox(labFolder: lab.folder, workFolder: places.work, workspaceHome: places.workspace, runner: runner)
    }

    /// Puts the starting state in place: from the snapshot when it matches this lab version, else by
    /// running setup and faults (and keeping a new snapshot). Returns the sandbox and the baseline jobs.
    @discardableResult
    func prepare(useSnapshot: Bool = true) throws -> (LabSandbox, LabBaseline) {
        let fingerprint = Self.fingerprint(of: lab, runner: runner)
        clearLive()
        if useSnapshot, let baseline = readBaseline(), baseline.fingerprint == fingerprint,
           FileManager.default.fileExists(atPath: places.snapshotWorkspace.path) {
            try restoreSnapshot()
            let box = sandbox
            box.restorePlantedSecrets(baseline.planted)
            return (box, baseline)
        }
        let box = try build()
        let jobs = (try? box.azJSON("ml job list --all-results").arrayValue ?? []) ?? []
        let baseline = LabBaseline(fingerprint: fingerprint, jobs: jobs.compactMap { $0["name"]?.stringValue }, planted: box.plantedSecrets)
        try keepSnapshot(baseline)
        return (box, baseline)
    }

    /// Runs setup and faults into empty folders.
    func build() throws -> LabSandbox {
        let manager = FileManager.default
        try manager.createDirectory(at: places.work, withIntermediateDirectories: true)
        try manager.createDirectory(at: places.workspace, withIntermediateDirectories: true)
        let box = sandbox
        let labFile = LabLibrary.display(lab.folder.appendingPathComponent("lab.yaml"))
        for copy in lab.setup.files {
            do { try copyIntoWork(from: copy.from, to: copy.to) } catch {
                throw LabError.failed("\(labFile):\(copy.line): setup cannot copy \(copy.from): \(error)")
            }
        }
        for command in lab.setup.commands {
            do { try box.mustRun(command.text) } catch {
                throw LabError.failed("\(labFile):\(command.line): setup command failed: \(error)")
            }
        }
        for fault in lab.faults {
            guard let kind = FaultCatalogue.kind(named: fault.kind) else {
                throw LabError.failed("\(labFile):\(fault.line): unknown fault kind `\(fault.kind)`")
            }
            do { try kind.apply(fault.arguments, to: box) } catch {
                throw LabError.failed("\(labFile):\(fault.line): fault \(fault.kind) could not be applied: \(error)")
            }
        }
        return box
    }

    /// Copies a file or folder of the lab into the working folder.
    func copyIntoWork(from: String, to: String) throws {
        let source = try LabSandbox.contained(from, in: lab.folder, what: "the lab folder")
        let destination = try LabSandbox.contained(to, in: places.work, what: "the working folder")
        try Self.copyContents(of: source, to: destination)
    }

    /// Copies `source` to `destination`; a folder's entries are merged into an existing folder.
    static func copyContents(of source: URL, to destination: URL) throws {
        let manager = FileManager.default
        var isFolder: ObjCBool = false
        guard manager.fileExists(atPath: source.path, isDirectory: &isFolder) else {
            throw LabError.failed("\(source.lastPathComponent) does not exist")
        }
        if isFolder.boolValue {
            try manager.createDirectory(at: destination, withIntermediateDirectories: true)
            for entry in try manager.contentsOfDirectory(atPath: source.path) {
                try copyContents(of: source.appendingPathComponent(entry), to: destination.appendingPathComponent(entry))
            }
        } else {
            try manager.createDirectory(at: destination.deletingLastPathComponent(), withIntermediateDirectories: true)
            if manager.fileExists(atPath: destination.path) { try manager.removeItem(at: destination) }
            try manager.copyItem(at: source, to: destination)
        }
    }

    /// Starts the scoring host when the lab's workspace serves endpoints, so their scoring URIs answer at once.
    func startHostIfServing() {
        guard FileManager.default.fileExists(atPath: ServingAddress.folder(home: places.workspace).path) else { return }
        _ = try? HostLauncher.ensureRunning(home: places.workspace)
    }

    /// Stops the lab workspace's scoring host (a submitted lab keeps its files for review).
    func clearHost() {
        _ = HostLauncher.stop(home: places.workspace)
    }

    /// Stops the lab workspace's scoring host and removes the live folders.
    func clearLive() {
        _ = HostLauncher.stop(home: places.workspace)
        try? FileManager.default.removeItem(at: places.workspace)
        try? FileManager.default.removeItem(at: places.work)
    }

    /// Copies the live folders as the snapshot. A scoring host started by setup keeps running (it only reads
    /// the state database, and its logs are flushed first), so the learner's first start does not pay for a restart.
    private func keepSnapshot(_ baseline: LabBaseline) throws {
        HostLauncher.flushLogsIfRunning(home: places.workspace)
        let manager = FileManager.default
        try? manager.removeItem(at: places.snapshot)
        try manager.createDirectory(at: places.snapshot, withIntermediateDirectories: true)
        try manager.copyItem(at: places.workspace, to: places.snapshotWorkspace)
        try manager.copyItem(at: places.work, to: places.snapshotWork)
        try JSONEncoder().encode(baseline).write(to: places.baselineFile)
    }

    private func restoreSnapshot() throws {
        let manager = FileManager.default
        try manager.copyItem(at: places.snapshotWorkspace, to: places.workspace)
        try manager.copyItem(at: places.snapshotWork, to: places.work)
    }

    func readBaseline() -> LabBaseline? {
        guard let data = FileManager.default.contents(atPath: places.baselineFile.path) else { return nil }
        return try? JSONDecoder().decode(LabBaseline.self, from: data)
    }

    /// A hash of every file of the lab and of the executable that runs it, so a changed lab or a new
    /// build rebuilds the snapshot.
    static func fingerprint(of lab: LabDefinition, runner: any LabCommandRunner) -> String {
        var hasher = SHA256Hasher()
        let manager = FileManager.default
        var files: [String] = []
        if let walker = manager.enumerator(atPath: lab.folder.path) {
            for case let path as String in walker { files.append(path) }
        }
        for path in files.sorted() {
            hasher.update(path)
            if let data = manager.contents(atPath: lab.folder.appendingPathComponent(path).path) { hasher.update(data) }
        }
        if let process = runner as? ProcessCommandRunner,
           let attributes = try? manager.attributesOfItem(atPath: process.executable),
           let modified = attributes[.modificationDate] as? Date {
            hasher.update("\(process.executable)@\(modified.timeIntervalSince1970)")
        }
        return hasher.finalizeHex()
    }
}
