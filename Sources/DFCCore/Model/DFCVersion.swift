/// DFC's version, recorded in every custody event it writes.
public enum DFCVersion {
    /// The version string.
    public static let current = "0.2.0"
}
