import Foundation
import Workspace

/// A parameter a fault kind takes.
public struct FaultParameter: Sendable, Equatable {
    public var name: String
    public var required: Bool
    /// What the value means, for docs/faults.md and `labs validate` messages.
    public var help: String

    public init(_ name: String, required: Bool = true, _ help: String) {
        self.name = name
        self.required = required
        self.help = help
    }
}

/// One kind of fault: a named, parameterised change to a lab's working files or workspace that
/// breaks something for a real reason (a build that cannot resolve, a job that cannot read its data,
/// a score computed on leaked rows). Kinds are listed in `FaultCatalogue.kinds` and docs/faults.md.
public protocol FaultKind: Sendable {
    /// The name a lab uses (`kind: crashing-init`).
    var name: String { get }
    /// One sentence: what the fault changes and what breaks because of it.
    var summary: String { get }
    var parameters: [FaultParameter] { get }
    /// Applies the fault to a lab whose setup has run. Throws `LabError` when it cannot.
    func apply(_ arguments: FaultArguments, to sandbox: LabSandbox) throws
}

/// The parameters a lab gives a fault, with typed accessors that throw clear errors.
public struct FaultArguments: Sendable {
    public let kind: String
    public let values: [String: JSONValue]

    public init(kind: String, values: [String: JSONValue]) {
        self.kind = kind
        self.values = values
    }

    public func string(_ name: String) throws -> String {
        guard let value = values[name] else { throw LabError.failed("fault \(kind) needs `\(name)`") }
        switch value {
        case .string(let text): return text
        case .int(let number): return String(number)
        case .double(let number): return String(number)
        case .bool(let flag): return String(flag)
        default: throw LabError.failed("fault \(kind): `\(name)` must be a text value")
        }
    }

    public func optionalString(_ name: String) throws -> String? {
        values[name] == nil ? nil : try string(name)
    }

    public func int(_ name: String) throws -> Int {
        guard let value = values[name] else { throw LabError.failed("fault \(kind) needs `\(name)`") }
        guard let number = value.intValue else { throw LabError.failed("fault \(kind): `\(name)` must be a whole number") }
        return Int(number)
    }

    public func optionalInt(_ name: String) throws -> Int? {
        values[name] == nil ? nil : try int(name)
    }

    public func double(_ name: String) throws -> Double {
        guard let value = values[name] else { throw LabError.failed("fault \(kind) needs `\(name)`") }
        if let number = value.doubleValue { return number }
        if let text = value.stringValue, let number = Double(text) { return number }
        throw LabError.failed("fault \(kind): `\(name)` must be a number")
    }

    public func optionalDouble(_ name: String) throws -> Double? {
        values[name] == nil ? nil : try double(name)
    }

    public func strings(_ name: String) throws -> [String] {
        guard let value = values[name] else { throw LabError.failed("fault \(kind) needs `\(name)`") }
        if let text = value.stringValue { return [text] }
        guard let items = value.arrayValue else { throw LabError.failed("fault \(kind): `\(name)` must be a list") }
        return try items.map { item in
            guard let text = item.stringValue else { throw LabError.failed("fault \(kind): every item of `\(name)` must be text") }
            return text
        }
    }
}
