import Foundation
import Yams

/// The AI-300 exam outline as data: domains with weight ranges and objectives, the fifteen
/// readiness areas, and the exam's settings. Loaded from `Resources/ai300-outline.yaml`.
public struct Outline: Sendable, Equatable {
    /// Version id that packs name in their `outline` key, e.g. `ai300-2026-03-05`.
    public var version: String
    public var title: String
    /// Date the outline was last updated (`YYYY-MM-DD`).
    public var asOf: String
    public var exam: ExamSettings
    public var domains: [Domain]
    public var areas: [Area]

    public init(version: String, title: String, asOf: String, exam: ExamSettings, domains: [Domain], areas: [Area]) {
        self.version = version
        self.title = title
        self.asOf = asOf
        self.exam = exam
        self.domains = domains
        self.areas = areas
    }

    /// Timing, length and scoring of the real exam.
    public struct ExamSettings: Sendable, Equatable {
        public var minutes: Int
        public var minQuestions: Int
        public var maxQuestions: Int
        public var defaultQuestions: Int
        public var passingScaledScore: Int
        public var maxScaledScore: Int

        public init(minutes: Int, minQuestions: Int, maxQuestions: Int, defaultQuestions: Int, passingScaledScore: Int, maxScaledScore: Int) {
            self.minutes = minutes
            self.minQuestions = minQuestions
            self.maxQuestions = maxQuestions
            self.defaultQuestions = defaultQuestions
            self.passingScaledScore = passingScaledScore
            self.maxScaledScore = maxScaledScore
        }
    }

    /// One of the five skill domains, weighted as a percentage range of the exam.
    public struct Domain: Sendable, Equatable, Identifiable {
        /// "1" ... "5".
        public var id: String
        public var title: String
        public var minWeight: Int
        public var maxWeight: Int
        /// In the order of the outline.
        public var objectives: [Objective]

        public init(id: String, title: String, minWeight: Int, maxWeight: Int, objectives: [Objective]) {
            self.id = id
            self.title = title
            self.minWeight = minWeight
            self.maxWeight = maxWeight
            self.objectives = objectives
        }

        /// The middle of the weight range, in percent.
        public var midWeight: Double { Double(minWeight + maxWeight) / 2 }
    }

    /// One sub-skill of a domain, such as `2.3c`.
    public struct Objective: Sendable, Equatable, Identifiable {
        public var id: String
        public var title: String
        public var domainID: String

        public init(id: String, title: String, domainID: String) {
            self.id = id
            self.title = title
            self.domainID = domainID
        }
    }

    /// One of the fifteen readiness areas questions and labs are filed under.
    public struct Area: Sendable, Equatable, Identifiable {
        public var id: String
        public var title: String
        /// Whether the area has hands-on labs.
        public var handsOn: Bool
        /// What to practise next when the area is weak.
        public var nextStep: String

        public init(id: String, title: String, handsOn: Bool, nextStep: String) {
            self.id = id
            self.title = title
            self.handsOn = handsOn
            self.nextStep = nextStep
        }

        /// Generative-AI areas need more questions than the twelve classic ones.
        public var isGenerativeAI: Bool { id.hasPrefix("genai-") }
    }

    /// Every objective of every domain, in outline order.
    public var objectives: [Objective] { domains.flatMap(\.objectives) }
    public var objectiveIDs: [String] { objectives.map(\.id) }
    public var areaIDs: [String] { areas.map(\.id) }

    public func objective(id: String) -> Objective? { objectives.first { $0.id == id } }
    public func area(id: String) -> Area? { areas.first { $0.id == id } }
    public func domain(id: String) -> Domain? { domains.first { $0.id == id } }
}

/// The outline file could not be read or is malformed.
public enum OutlineError: Error, Equatable, CustomStringConvertible {
    /// The bundled resource is missing from the build.
    case resourceMissing
    /// The file has problems; each diagnostic says where.
    case invalid([Diagnostic])

    public var message: String {
        switch self {
        case .resourceMissing:
            return "the exam outline (ai300-outline.yaml) is missing from the program's resources; rebuild mlopslab"
        case .invalid(let diagnostics):
            let first = diagnostics.first.map(\.description) ?? "unknown problem"
            return "the exam outline is invalid: \(first)" + (diagnostics.count > 1 ? " (and \(diagnostics.count - 1) more)" : "")
        }
    }

    public var description: String { message }
}

extension Outline {
    /// The outline shipped with the program, parsed once.
    public static let bundledResult: Result<Outline, OutlineError> = {
        guard let data = resourceCandidates().lazy.compactMap({ try? Data(contentsOf: $0) }).first else {
            return .failure(.resourceMissing)
        }
        return Result { try Outline.parse(bytes: Array(data), file: "ai300-outline.yaml") }
            .mapError { $0 as? OutlineError ?? .invalid([]) }
    }()

    /// Where the outline file may be: in the resource bundle SwiftPM puts beside the executable
    /// (or the test bundle), else in the source tree this binary was built from. `Bundle.module`
    /// is not used because it stops the process when the bundle was not copied with the binary.
    static func resourceCandidates(sourceFile: String = #filePath) -> [URL] {
        let name = "ai300-outline.yaml"
        let bundleName = "mlopslab_Exam.resources"
        var folders = [Bundle.main.bundleURL, Bundle.main.bundleURL.deletingLastPathComponent()]
        if let argument = CommandLine.arguments.first {
            folders.append(URL(fileURLWithPath: argument).resolvingSymlinksInPath().deletingLastPathComponent())
        }
        var candidates = folders.map { $0.appendingPathComponent(bundleName).appendingPathComponent(name) }
        let source = URL(fileURLWithPath: sourceFile).deletingLastPathComponent().deletingLastPathComponent()
        candidates.append(source.appendingPathComponent("Resources").appendingPathComponent(name))
        return candidates
    }

    /// The outline shipped with the program.
    public static func bundled() throws(OutlineError) -> Outline { try bundledResult.get() }
}
