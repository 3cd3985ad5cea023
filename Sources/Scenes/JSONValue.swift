import Foundation

/// A JSON value as `JSONDecoder` reads it, numbers and booleans kept apart (Foundation's
/// `JSONSerialization` hands both out as `NSNumber`).
enum JSONValue: Decodable, Sendable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let flag = try? container.decode(Bool.self) {
            self = .bool(flag)
        } else if let number = try? container.decode(Double.self) {
            self = .number(number)
        } else if let text = try? container.decode(String.self) {
            self = .string(text)
        } else if let list = try? container.decode([JSONValue].self) {
            self = .array(list)
        } else {
            self = .object(try container.decode([String: JSONValue].self))
        }
    }

    /// The value as `JSONSerialization` would give it, for readers of Foundation objects (Keras's
    /// optimizer forms): `NSNumber`, `Bool`, `NSNull`, `String`, `[Any]`, `[String: Any]`.
    var foundationObject: Any {
        switch self {
        case .null: NSNull()
        case let .bool(flag): flag
        case let .number(number): NSNumber(value: number)
        case let .string(text): text
        case let .array(list): list.map(\.foundationObject)
        case let .object(fields): fields.mapValues(\.foundationObject)
        }
    }
}
