import Foundation

/// A small W3C WebDriver client for Debian's chromedriver driving the system Chromium headless:
/// plain HTTP with JSON, no browser downloaded.
public final class WebDriver: @unchecked Sendable {
    private let process: Process
    private let port: Int
    private var session = ""
    /// Chromium's temporary files and profile: a short path of their own, as its sockets'
    /// paths must stay under 108 bytes and a scratch folder under a long TMPDIR does not.
    private let home: URL

    /// What went wrong, in one line.
    public struct Failure: Error, CustomStringConvertible { public let description: String }

    /// chromedriver and Chromium, found on the PATH (or where Debian puts the driver), or nil.
    public static let driver = executable(["chromedriver"], also: ["/usr/lib/chromium/chromedriver"])
    public static let browser = executable(["chromium", "chromium-browser"])
    /// Whether both are here: the browser tests are skipped, saying why, when not.
    public static var available: Bool { driver != nil && browser != nil }

    private static func executable(_ names: [String], also: [String] = []) -> String? {
        let folders = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin").split(separator: ":")
        let candidates = names.flatMap { name in folders.map { "\($0)/\(name)" } } + also
        return candidates.first(where: FileManager.default.isExecutableFile)
    }

    /// Starts chromedriver on a free loopback port (its and Chromium's temporary files in a short
    /// folder of `/tmp`, removed by ``quit()``) and opens a headless Chromium session of `width` × `height`.
    public init(width: Int = 1300, height: Int = 1120) async throws {
        guard let driver = Self.driver, let browser = Self.browser else {
            throw Failure(description: "chromium or chromedriver is missing: sudo apt-get install -y chromium chromium-driver")
        }
        var template = Array("/tmp/descent-wd-XXXXXX".utf8CString)
        guard let made = mkdtemp(&template) else { throw Failure(description: "cannot make a folder in /tmp") }
        let home = URL(fileURLWithPath: String(cString: made)), process = Process()
        self.home = home
        self.process = process
        process.executableURL = URL(fileURLWithPath: driver)
        process.arguments = ["--port=0"]
        var environment = ProcessInfo.processInfo.environment
        environment["TMPDIR"] = home.path
        process.environment = environment
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch {
            try? FileManager.default.removeItem(at: home)
            throw error
        }
        // "ChromeDriver was started successfully on port 45657."
        var text = ""
        while !text.contains("started successfully on port") || !text.hasSuffix("\n") {
            let chunk = output.fileHandleForReading.availableData
            guard !chunk.isEmpty else {
                try? FileManager.default.removeItem(at: home)
                throw Failure(description: "chromedriver exited: \(text)")
            }
            text += String(decoding: chunk, as: UTF8.self)
        }
        guard let port = text.split(separator: "port ").last.flatMap({ Int($0.prefix { $0.isNumber }) }) else {
            try? FileManager.default.removeItem(at: home)
            throw Failure(description: "chromedriver named no port: \(text)")
        }
        self.port = port
        let options: [String: Any] = [
            "binary": browser,
            "args": ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--hide-scrollbars",
                     "--window-size=\(width),\(height)", "--user-data-dir=\(home.appendingPathComponent("profile").path)"],
        ]
        let answer: Any
        do {
            answer = try await command("POST", "/session", ["capabilities": ["alwaysMatch": ["browserName": "chrome", "goog:chromeOptions": options]]])
        } catch {
            await quit()
            throw error
        }
        guard let id = (answer as? [String: Any])?["sessionId"] as? String else { throw Failure(description: "no session: \(answer)") }
        session = id
    }

    /// Ends the session (closing Chromium), stops chromedriver and removes their folder.
    public func quit() async {
        if !session.isEmpty { _ = try? await command("DELETE", "/session/\(session)", nil) }
        // chromedriver may sit out SIGTERM; SIGKILL and reap it without Foundation's busy wait.
        kill(process.processIdentifier, SIGKILL)
        var status: Int32 = 0
        waitpid(process.processIdentifier, &status, 0)
        try? FileManager.default.removeItem(at: home)
    }

    public func open(_ url: String) async throws { _ = try await command("POST", "/session/\(session)/url", ["url": url]) }

    /// Runs `script` (a function body) in the page and returns its value.
    public func run(_ script: String, _ arguments: [Any] = []) async throws -> Any {
        try await command("POST", "/session/\(session)/execute/sync", ["script": script, "args": arguments])
    }

    /// Polls `condition` (a JavaScript expression) until it is true, for at most `seconds`.
    public func wait(until condition: String, seconds: Double = 20) async throws {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if try await run("return !!(\(condition));") as? Bool == true { return }
            try await Task.sleep(nanoseconds: 50_000_000)
        }
        throw Failure(description: "timed out waiting for \(condition)")
    }

    public func element(_ css: String) async throws -> String {
        let answer = try await command("POST", "/session/\(session)/element", ["using": "css selector", "value": css])
        guard let id = (answer as? [String: Any])?.values.first as? String else { throw Failure(description: "no element \(css)") }
        return id
    }

    /// A real click by the mouse at (`x`, `y`) CSS pixels from the element's centre.
    public func click(_ element: String, x: Int, y: Int) async throws {
        let origin = ["element-6066-11e4-a52e-4f735466cecf": element]
        let pointer: [String: Any] = [
            "type": "pointer", "id": "mouse", "parameters": ["pointerType": "mouse"],
            "actions": [["type": "pointerMove", "origin": origin, "x": x, "y": y, "duration": 0],
                        ["type": "pointerDown", "button": 0], ["type": "pointerUp", "button": 0]],
        ]
        _ = try await command("POST", "/session/\(session)/actions", ["actions": [pointer]])
    }

    public func click(_ element: String) async throws { _ = try await command("POST", "/session/\(session)/element/\(element)/click", [:]) }

    /// Types `keys` into the element (e.g. "\u{E014}" is the right-arrow key).
    public func type(_ keys: String, into element: String) async throws {
        _ = try await command("POST", "/session/\(session)/element/\(element)/value", ["text": keys])
    }

    /// The viewport as PNG bytes.
    public func screenshot() async throws -> Data {
        guard let text = try await command("GET", "/session/\(session)/screenshot", nil) as? String, let data = Data(base64Encoded: text) else {
            throw Failure(description: "no screenshot")
        }
        return data
    }

    private func command(_ method: String, _ path: String, _ body: [String: Any]?) async throws -> Any {
        let payload = try body.map { try JSONSerialization.data(withJSONObject: $0) }
        let data = try await LoopbackHTTP.request(method, port: port, path: path, body: payload).body
        let answer = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]) as? [String: Any]
        let value = answer?["value"] ?? NSNull()
        if let error = (value as? [String: Any])?["error"] as? String {
            throw Failure(description: "\(method) \(path): \(error): \((value as? [String: Any])?["message"] ?? "")")
        }
        return value
    }
}
