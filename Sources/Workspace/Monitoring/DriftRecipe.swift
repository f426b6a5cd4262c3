import Foundation

/// A drift recipe for `mlopslab traffic --drift`: `COLUMN:ACTION=VALUE@day=D`, applied to every
/// request sent on or after simulated day D (day 0 is the first day of traffic).
///
/// Actions: `shift=1.5` adds 1.5 standard deviations of the column (as read from the data file);
/// `add=3` adds 3; `scale=2` multiplies by 2; `set=red` replaces the value (any column type).
public struct DriftRecipe: Sendable, Equatable {
    public enum Action: Sendable, Equatable {
        case shift(Double), add(Double), scale(Double), set(String)
    }
    public var column: String
    public var action: Action
    public var day: Double

    public init(_ text: String) throws {
        let bad = WorkspaceError.invalidArgument("invalid drift recipe '\(text)': use COLUMN:ACTION=VALUE@day=D, e.g. \"income:shift=1.5@day=10\" (actions shift, add, scale, set)")
        guard let colon = text.firstIndex(of: ":"), let at = text.lastIndex(of: "@"), colon < at else { throw bad }
        column = String(text[..<colon])
        let actionText = text[text.index(after: colon)..<at]
        let dayText = text[text.index(after: at)...]
        guard !column.isEmpty, dayText.hasPrefix("day="), let day = Double(dayText.dropFirst(4)), day >= 0,
              let eq = actionText.firstIndex(of: "=") else { throw bad }
        self.day = day
        let name = actionText[..<eq], value = String(actionText[actionText.index(after: eq)...])
        switch name {
        case "shift": guard let v = Double(value) else { throw bad }; action = .shift(v)
        case "add": guard let v = Double(value) else { throw bad }; action = .add(v)
        case "scale": guard let v = Double(value) else { throw bad }; action = .scale(v)
        case "set": action = .set(value)
        default: throw bad
        }
    }

    /// The drifted value of a numeric cell (`std` is the column's standard deviation).
    func apply(number: Double, std: Double) -> JSONValue {
        switch action {
        case .shift(let k): return .double(number + k * std)
        case .add(let v): return .double(number + v)
        case .scale(let v): return .double(number * v)
        case .set(let v): return Double(v).map(JSONValue.double) ?? .string(v)
        }
    }

    /// The drifted value of a text cell (only `set` changes it).
    func apply(text: String?) -> JSONValue {
        if case .set(let v) = action { return .string(v) }
        return text.map(JSONValue.string) ?? .null
    }
}
