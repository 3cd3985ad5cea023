import Foundation

/// Reads one JSON object (as `JSONSerialization` gives it) key by key, with one-line errors that
/// name the key and what it should be, and refuses the keys nobody read.
struct ConfigReader {
    let object: [String: Any]
    /// Named in errors: `optimizer adam`, `schedule CosineDecay`.
    let what: String
    private(set) var read: Set<String> = []

    init(_ object: [String: Any], what: String) {
        self.object = object
        self.what = what
    }

    func has(_ key: String) -> Bool { object[key].map { !($0 is NSNull) } ?? false }

    /// A finite number, nil when absent or null.
    mutating func number(_ key: String) throws -> Double? {
        read.insert(key)
        guard let value = object[key], !(value is NSNull) else { return nil }
        guard let n = Self.number(value) else { throw OptimizerError.unsupportedConfiguration("\(key) of \(what) must be a number") }
        guard n.isFinite else { throw OptimizerError.unsupportedConfiguration("\(key) of \(what) must be a finite number, got \(n)") }
        return n
    }

    /// A number that must be there.
    mutating func required(_ key: String) throws -> Double {
        guard let n = try number(key) else { throw OptimizerError.unsupportedConfiguration("\(what) needs \(key)") }
        return n
    }

    /// true or false, nil when absent or null.
    mutating func flag(_ key: String) throws -> Bool? {
        read.insert(key)
        guard let value = object[key], !(value is NSNull) else { return nil }
        guard Self.isBoolean(value), let b = value as? Bool else {
            throw OptimizerError.unsupportedConfiguration("\(key) of \(what) must be true or false")
        }
        return b
    }

    /// A list of finite numbers.
    mutating func numbers(_ key: String) throws -> [Double] {
        read.insert(key)
        guard let list = object[key] as? [Any] else { throw OptimizerError.unsupportedConfiguration("\(what) needs \(key), a list of numbers") }
        return try list.map { value in
            guard let n = Self.number(value), n.isFinite else {
                throw OptimizerError.unsupportedConfiguration("\(key) of \(what) must be a list of finite numbers")
            }
            return n
        }
    }

    /// Accepts `key` at the values `accepted` says are harmless (Keras's `name`, a null loss scale).
    mutating func inert(_ key: String, _ meaning: String, accepted: (Any) -> Bool) throws {
        read.insert(key)
        guard let value = object[key] else { return }
        guard accepted(value) else { throw OptimizerError.unsupportedConfiguration("\(key) of \(what): \(meaning)") }
    }

    /// Throws for the first key not read, listing `known`.
    func finish(known: [String]) throws {
        if let extra = object.keys.sorted().first(where: { !read.contains($0) }) {
            throw OptimizerError.unsupportedConfiguration("\(what) has no key '\(extra)' (known: \(known.joined(separator: ", ")))")
        }
    }

    /// A JSON number (not a boolean, which Foundation also hands out as an NSNumber).
    static func number(_ value: Any) -> Double? {
        guard !isBoolean(value), let n = value as? NSNumber else { return nil }
        return n.doubleValue
    }

    static func isBoolean(_ value: Any) -> Bool {
        type(of: value) == Bool.self || String(describing: type(of: value)).contains("Boolean")
    }
}
