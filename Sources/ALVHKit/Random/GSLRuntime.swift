import CGSL

/// A failure reported by a GSL routine, carried as a Swift error instead of
/// GSL's default abort.
public struct GSLError: Error, CustomStringConvertible, Sendable {
    /// The GSL status code (`GSL_EDIVERGE`, `GSL_EROUND`, ...).
    public let status: Int32
    /// What was being computed when GSL failed.
    public let context: String

    public init(status: Int32, context: String) {
        self.status = status
        self.context = context
    }

    public var description: String {
        "\(context): GSL error \(status) (\(String(cString: gsl_strerror(status))))"
    }
}

/// Process-wide GSL settings. GSL's error handler is a process global; it is
/// switched off once, before any worker starts, so that every routine returns
/// its status code and alvh turns it into a `GSLError`.
public enum GSLRuntime {
    private static let handlerOff: Bool = {
        gsl_set_error_handler_off()
        return true
    }()

    /// Switches GSL's abort-on-error handler off (idempotent, thread-safe).
    public static func prepare() {
        _ = handlerOff
    }

    /// Throws a `GSLError` unless `status` is `GSL_SUCCESS`.
    @inlinable
    public static func check(_ status: Int32, _ context: @autoclosure () -> String) throws(GSLError) {
        if status != GSL_SUCCESS {
            throw GSLError(status: status, context: context())
        }
    }
}
