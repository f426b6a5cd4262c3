import Foundation

/// The bundled package index environment builds resolve against (Resources/package-catalogue.json):
/// which versions of each package exist and what each version requires.
public struct PackageCatalogue: Sendable {
    public var pythonVersions: [String]
    public var defaultPython: String
    /// Package (lower-cased) → versions, oldest first.
    public var versions: [String: [String]]
    /// Package → version (or `*`) → requirement specifiers (`numpy<2.0`, `python>=3.9`).
    public var requires: [String: [String: [String]]]

    /// Parses the catalogue JSON.
    public static func parse(_ text: String) throws -> PackageCatalogue {
        guard let root = JSONValue.parse(text), let packages = root["packages"]?.objectValue else {
            throw WorkspaceError.failed("the package catalogue is not valid JSON with a `packages` mapping")
        }
        var versions: [String: [String]] = [:], requires: [String: [String: [String]]] = [:]
        for (name, info) in packages {
            versions[name.lowercased()] = info["versions"]?.arrayValue?.compactMap(\.stringValue) ?? []
            var byVersion: [String: [String]] = [:]
            for (version, list) in info["requires"]?.objectValue ?? [:] { byVersion[version] = list.arrayValue?.compactMap(\.stringValue) ?? [] }
            requires[name.lowercased()] = byVersion
        }
        return PackageCatalogue(pythonVersions: root["python"]?.arrayValue?.compactMap(\.stringValue) ?? [],
                                defaultPython: root["default_python"]?.stringValue ?? "3.10", versions: versions, requires: requires)
    }

    /// The catalogue shipped with mlopslab.
    public static func bundled() throws -> PackageCatalogue {
        guard let url = Bundle.module.url(forResource: "package-catalogue", withExtension: "json"),
              let text = try? String(contentsOf: url, encoding: .utf8) else {
            throw WorkspaceError.failed("the bundled package catalogue (package-catalogue.json) is missing from this build")
        }
        return try parse(text)
    }

    /// Requirements of one version of a package.
    public func requirements(of package: String, version: String) -> [Requirement] {
        let table = requires[package] ?? [:]
        return ((table["*"] ?? []) + (table[version] ?? [])).compactMap { Requirement.parse($0, style: .pip) }
    }
}

/// A package requirement such as `numpy>=1.23,<2`, `scikit-learn=1.5.1` (conda) or `mlflow`.
public struct Requirement: Sendable, Equatable {
    public enum Style: Sendable { case pip, conda }

    public var package: String
    /// (operator, version) pairs that must all hold; empty = any version.
    public var constraints: [(String, String)]
    /// The text as written (for logs).
    public var text: String

    public static func == (a: Requirement, b: Requirement) -> Bool {
        a.package == b.package && a.text == b.text
    }

    /// Parses one requirement line; nil for blank lines and comments.
    public static func parse(_ raw: String, style: Style) -> Requirement? {
        var line = raw.trimmingCharacters(in: .whitespaces)
        if let hash = line.firstIndex(of: "#") { line = String(line[..<hash]).trimmingCharacters(in: .whitespaces) }
        guard !line.isEmpty else { return nil }
        if let bracket = line.firstIndex(of: "[") , let close = line.firstIndex(of: "]"), bracket < close {
            line.removeSubrange(bracket...close)
        }
        let operators = ["==", ">=", "<=", "!=", "~=", ">", "<", "="]
        guard let start = line.firstIndex(where: { "=<>!~ ".contains($0) }) else {
            return Requirement(package: line.lowercased(), constraints: [], text: raw.trimmingCharacters(in: .whitespaces))
        }
        let package = String(line[..<start]).trimmingCharacters(in: .whitespaces).lowercased()
        var constraints: [(String, String)] = []
        for part in line[start...].split(separator: ",") {
            let piece = part.trimmingCharacters(in: .whitespaces)
            guard let op = operators.first(where: { piece.hasPrefix($0) }) else { continue }
            var version = String(piece.dropFirst(op.count)).trimmingCharacters(in: .whitespaces)
            var normalized = op
            if op == "=" {
                normalized = "=="
                if version.hasSuffix(".*") { version.removeLast(2); normalized = "prefix" }
                else if style == .conda { normalized = "prefix" }
            }
            if op == "==", version.hasSuffix(".*") { version.removeLast(2); normalized = "prefix" }
            constraints.append((normalized, version))
        }
        return Requirement(package: package, constraints: constraints, text: raw.trimmingCharacters(in: .whitespaces))
    }

    /// Whether `version` satisfies every constraint.
    public func accepts(_ version: String) -> Bool {
        constraints.allSatisfy { op, bound in
            let order = VersionOrder.compare(version, bound)
            switch op {
            case "==": return order == 0
            case "!=": return order != 0
            case ">=": return order >= 0
            case "<=": return order <= 0
            case ">": return order > 0
            case "<": return order < 0
            case "~=": return order >= 0 && VersionOrder.compare(version, VersionOrder.bumpMinor(bound)) < 0
            case "prefix": return version == bound || version.hasPrefix(bound + ".")
            default: return true
            }
        }
    }
}

/// Numeric, component-wise version comparison (`1.10` > `1.9`).
public enum VersionOrder {
    public static func compare(_ a: String, _ b: String) -> Int {
        let x = a.split(separator: ".").map { Int($0.prefix { $0.isNumber }) ?? 0 }
        let y = b.split(separator: ".").map { Int($0.prefix { $0.isNumber }) ?? 0 }
        for i in 0..<max(x.count, y.count) {
            let l = i < x.count ? x[i] : 0, r = i < y.count ? y[i] : 0
            if l != r { return l < r ? -1 : 1 }
        }
        return 0
    }

    static func bumpMinor(_ version: String) -> String {
        var parts = version.split(separator: ".").map { Int($0) ?? 0 }
        if parts.count >= 2 { parts.removeLast(); parts[parts.count - 1] += 1 } else if parts.count == 1 { parts[0] += 1 }
        return parts.map(String.init).joined(separator: ".")
    }
}
